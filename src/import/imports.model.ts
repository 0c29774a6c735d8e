import { z } from "zod";
import type { MessageKey } from "../platform/i18n/index.ts";
import { blankToUndefined } from "../platform/validation.ts";
import type { BodyMatch, Proposal } from "./proposal.model.ts";
import type { ReadMethod } from "./read.ts";
import type { WordChange } from "./repair.ts";

/**
 * Where an import is: being read in the background, ready for review (`pending`), not readable
 * (`failed`, with the reason), confirmed into a case, or discarded by the clerk. Every row is kept.
 */
export type ImportStatus = "reading" | "pending" | "failed" | "confirmed" | "discarded";

/** What the reading gave: the text as read and repaired, the words changed and the proposal. */
export interface ImportReading {
  method: ReadMethod;
  rawText: string;
  repairedText: string;
  changes: WordChange[];
  proposal: Proposal;
}

/** A received consultation uploaded for import; `reading` is null until it has been read. */
export interface ImportDraft {
  id: string;
  fileName: string;
  sha256: string;
  size: number;
  fileType: string;
  status: ImportStatus;
  /** Pages read so far, of the document's pages. */
  progress: { page: number; pages: number };
  /** Why the reading failed. */
  failure: MessageKey | null;
  reading: ImportReading | null;
  caseId: string | null;
  createdAt: string;
}

const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());
const optionalDate = z.preprocess(blankToUndefined, z.iso.date({ error: "import.date_format" }).optional());
const optionalEmail = z.preprocess(
  blankToUndefined,
  z.email({ error: "import.email_format" }).max(254).optional(),
);
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const list = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().max(100)).max(500),
);

/** What the clerk confirms on the review page (every field of the proposal, edited) and the case's facts. */
export const confirmSchema = z.strictObject({
  title: z.string().trim().min(1, { error: "import.title_required" }).max(500),
  diaryNumber: optionalText(100),
  senderOrganisation: z.string().trim().min(1, { error: "import.sender_required" }).max(200),
  dateSent: optionalDate,
  deadline: optionalDate,
  contactName: optionalText(200),
  contactPhone: optionalText(50),
  contactEmail: optionalEmail,
  replyToEmail: optionalEmail,
  bodies: optionalText(20_000),
  instructions: optionalText(5000),
  registryId: z.string().trim().min(1, { error: "case.registry_required" }).max(100),
  classId: z.string().trim().min(1, { error: "case.class_required" }).max(100),
  unitId: z.string().trim().min(1, { error: "case.unit_required" }).max(100),
  officerId: z.string().trim().min(1, { error: "consultation.officer_required" }).max(100),
  forward: checkbox.optional(),
  unitIds: list.optional(),
  internalDeadline: optionalDate,
});
export type ConfirmInput = z.output<typeof confirmSchema>;

/** The consulted bodies as the clerk edited them: one a line, blank lines dropped. */
export const bodyLines = (text: string | undefined) =>
  (text ?? "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** The review form's values proposed from what was read. */
export function formValuesOf(p: Proposal): Record<string, string | string[]> {
  return {
    title: p.title ?? "",
    diaryNumber: p.diary_number ?? "",
    senderOrganisation: p.sender_organisation ?? "",
    dateSent: p.date_sent ?? "",
    deadline: p.deadline ?? "",
    contactName: p.contact_name ?? "",
    contactPhone: p.contact_phone ?? "",
    contactEmail: p.contact_email ?? "",
    replyToEmail: p.reply_to_email ?? "",
    bodies: p.consulted_bodies.join("\n"),
    instructions: p.instructions ?? "",
    unitIds: [...new Set(p.matches.map((m) => m.unit_id))],
  };
}

/** The bodies of the document matched to each unit, by unit id, in the document's order. */
export function matchedBodies(matches: readonly BodyMatch[]): Map<string, string[]> {
  const byUnit = new Map<string, string[]>();
  for (const m of matches) byUnit.set(m.unit_id, [...(byUnit.get(m.unit_id) ?? []), m.body]);
  return byUnit;
}
