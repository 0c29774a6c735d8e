import { civilDate, isCivilDate } from "../calendar/civil-date.ts";
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

/** A month's name or abbreviation: a whole word ("februar" is not taken out of "februari 2027"). */
const MONTH_WORD = "(\\p{L}{3,10})(?!\\p{L})\\.?";
/** "28 februari" with no year after it. */
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?::e|:a)?\\s+${MONTH_WORD}(?!\\s*\\d{4})`, "gu");

/**
 * Dates written without a year ("senast den 28 februari"), given the year that puts them first on
 * or after `reference` (the document's own date): a letter of December asks for an answer in
 * February of the next year.
 */
export function findYearlessDates(text: string, reference: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(DAY_MONTH)) {
    const month = monthOf(m[2] ?? "");
    if (month === 0) continue;
    const iso = onOrAfter(Number(m[1]), month, reference);
    if (iso) found.push({ iso, index: m.index ?? 0 });
  }
  return found;
}

function onOrAfter(day: number, month: number, reference: string): string | null {
  const year = Number(reference.slice(0, 4));
  const same = isoDate(year, month, day);
  if (same && same >= reference) return same;
  return isoDate(year + 1, month, day);
}

export interface DateRange {
  start: string;
  end: string;
}

/**
 * A period written as a range: "från 7 maj till 30 oktober 2020", "16 april–14 juni 2021",
 * "mellan den 12 juni och 24 september 2018", "1 november 2017 – 30 april 2018", "20 mars-14
 * april". The start takes the end's month and year when it has none; a range with no year at all
 * takes its year from `reference` when given.
 */
export function findRange(text: string, reference: string | null): DateRange | null {
  const m = RANGE.exec(text);
  if (!m) return null;
  const [, d1 = "", m1, y1, d2 = "", m2 = "", y2] = m;
  const endMonth = monthOf(m2);
  const startMonth = m1 ? monthOf(m1) : endMonth;
  if (endMonth === 0 || startMonth === 0) return null;
  let endYear = y2 ? Number(y2) : y1 ? Number(y1) : null;
  if (endYear === null) {
    if (!reference) return null;
    const end = onOrAfter(Number(d2), endMonth, reference);
    endYear = end ? Number(end.slice(0, 4)) : null;
  }
  if (endYear === null) return null;
  const startYear = y1 ? Number(y1) : startMonth > endMonth ? endYear - 1 : endYear;
  const start = isoDate(startYear, startMonth, Number(d1));
  const end = isoDate(endYear, endMonth, Number(d2));
  return start && end && start <= end ? { start, end } : null;
}

const RANGE = new RegExp(
  `\\b(\\d{1,2})(?:\\s+${MONTH_WORD})?(?:\\s+(\\d{4}))?\\s*(?:[-–]|\\s(?:till|och)\\s)\\s*(?:den\\s+)?(\\d{1,2})\\s+${MONTH_WORD}(?:\\s+(\\d{4}))?`,
  "u",
);
