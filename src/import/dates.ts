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

const MONTH_WORD = MONTHS.flat()
  .sort((a, b) => b.length - a.length)
  .join("|");
const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => [number, number, number] }[] = [
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  {
    re: new RegExp(`\\b(\\d{1,2})(?::e|:a)?\\s+(${MONTH_WORD})\\.?\\s+(\\d{4})\\b`, "gi"),
    read: (m) => [Number(m[3]), monthOf(m[2] ?? ""), Number(m[1])],
  },
  { re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, read: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
  { re: /\b(\d{1,2})\/(\d{1,2})\s+(\d{4})\b/g, read: (m) => [Number(m[3]), Number(m[2]), Number(m[1])] },
];

function monthOf(word: string): number {
  const w = word.toLowerCase();
  return MONTHS.findIndex((names) => (names as readonly string[]).includes(w)) + 1;
}

export interface FoundDate {
  iso: string;
  index: number;
}

/** Every valid date in the text, in reading order. */
export function findDates(text: string): FoundDate[] {
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
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return date.toISOString().slice(0, 10);
}
