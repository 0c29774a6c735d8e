import { civilDate, isCivilDate } from "../platform/calendar/civil-date.ts";
import { mendDigits } from "./ocr-digits.ts";

/** Dates as Swedish documents write them, read into YYYY-MM-DD. Pure. */

const MONTHS = [
  ["januari", "jan"],
  ["februari", "feb"],
  ["mars", "mar"],
  ["april", "apr"],
  ["maj", "maj"],
  ["juni", "jun"],
  ["juli", "jul"],
  ["augusti", "aug"],
  ["september", "sep", "sept"],
  ["oktober", "okt"],
  ["november", "nov"],
  ["december", "dec"],
] as const;

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [number, number, number] }[] = [
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  {
    re: /\b(\d{1,2})(?::e|:a)?\s+(\p{L}{3,10})\.?\s+(\d{4})\b/gu,
    read: (m) => [Number(m[3]), monthOf(m[2] ?? ""), Number(m[1])],
  },
  { re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, read: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
  { re: /\b(\d{1,2})\/(\d{1,2})\s+(\d{4})\b/g, read: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
];

/**
 * The month a word names: a name or its abbreviation, or a long name (five letters or more) with
 * one letter misread, as OCR does ("oktobcr", "rnars" with m read as rn). 0 when none or two fit.
 */
function monthOf(word: string): number {
  const w = word.toLowerCase().replace(/rn/g, "m");
  const exact = MONTHS.findIndex((names) => (names as readonly string[]).includes(w));
  if (exact >= 0) return exact + 1;
  const near = MONTHS.flatMap((names, i) => (names[0].length >= 5 && oneEditApart(w, names[0]) ? [i] : []));
  return near.length === 1 ? (near[0] ?? -1) + 1 : 0;
}

/** Whether two words differ by at most one letter replaced, added or dropped. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const rest = (x: string, skip: number) => x.slice(i + skip);
  return rest(a, 1) === rest(b, 1) || rest(a, 1) === rest(b, 0) || rest(a, 0) === rest(b, 1);
}

export interface FoundDate {
  iso: string;
  index: number;
}

/** Every valid date in the text, in reading order; digits misread by OCR are read as digits. */
export function findDates(raw: string): FoundDate[] {
  const text = mendDigits(raw);
  const found: FoundDate[] = [];
  for (const { re, read } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const [y, mo, d] = read(m as RegExpExecArray);
      const iso = isoDate(y, mo, d);
      if (iso) found.push({ iso, index: m.index ?? 0 });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const date = civilDate(y, m, d);
  return isCivilDate(date) ? date : null;
}
