import type { MessageKey } from "../platform/i18n/index.ts";

/** One thing waiting for the person, with the page where it is handled. */
export interface WorkItem {
  text: string;
  /** What it belongs to: a diary number, a body, a unit. */
  detail: string;
  href: string;
  /** The date that matters: a deadline, a due date, the day it arrived. */
  date: string;
  overdue: boolean;
}

export const SECTION_KEYS = [
  "approvals",
  "due",
  "to_answer",
  "assess",
  "late",
  "extensions",
  "copy_requests",
  "received_mail",
  "imports",
  "visits",
  "decisions",
  "reviews",
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** One kind of work on the start page: `href` lists all of that kind; the entry `menu` of the main menu counts them. */
export interface WorkSection {
  key: SectionKey;
  href: string;
  menu: string;
  items: WorkItem[];
}

export const sectionTitle = (key: SectionKey): MessageKey => `work.${key}.title`;
export const sectionDateHeader = (key: SectionKey): MessageKey => `work.${key}.date`;

/** The count beside each menu entry: the number of items of the sections handled there. */
export function countsByHref(sections: readonly WorkSection[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of sections) counts[s.menu] = (counts[s.menu] ?? 0) + s.items.length;
  return counts;
}
