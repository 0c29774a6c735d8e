import { isOneOf } from "../platform/validation.ts";
/**
 * Diary numbers (R8): each registry formats its numbers with a pattern of tokens.
 * Stockholm's two forms are `{prefix} {class}-{seq}/{year}` (KS 171-482/2016, used until
 * about 2018) and `{prefix} {year}/{seq}` (KS 2019/562, used since).
 */
export const TOKENS = ["prefix", "year", "seq", "class"] as const;
export type Token = (typeof TOKENS)[number];

export const KNOWN_PATTERNS = ["{prefix} {year}/{seq}", "{prefix} {class}-{seq}/{year}"] as const;

export interface DiaryParts {
  prefix: string;
  year: number;
  seq: number;
  classCode: string;
}

export type PatternProblem = "unknown_token" | "missing_seq" | "missing_year" | "ambiguous";

/** What is wrong with a pattern, if anything: it needs {seq} and {year}, known tokens only, and separators between tokens. */
export function patternProblems(pattern: string): PatternProblem[] {
  const problems: PatternProblem[] = [];
  const tokens = [...pattern.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (tokens.some((t) => !isOneOf(TOKENS, t))) problems.push("unknown_token");
  if (!tokens.includes("seq")) problems.push("missing_seq");
  if (!tokens.includes("year")) problems.push("missing_year");
  if (/\}\{/.test(pattern) || /[{}]/.test(pattern.replace(/\{\w+\}/g, ""))) problems.push("ambiguous");
  return problems;
}

export function formatDiaryNumber(pattern: string, parts: DiaryParts): string {
  return pattern.replace(/\{(\w+)\}/g, (whole, token: string) => {
    switch (token) {
      case "prefix":
        return parts.prefix;
      case "year":
        return String(parts.year);
      case "seq":
        return String(parts.seq);
      case "class":
        return parts.classCode;
      default:
        return whole;
    }
  });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Reads a diary number written with `pattern`; null when it does not fit. */
export function parseDiaryNumber(pattern: string, prefix: string, text: string): DiaryParts | null {
  const order: Token[] = [];
  const source = pattern
    .split(/(\{\w+\})/)
    .map((piece) => {
      const token = /^\{(\w+)\}$/.exec(piece)?.[1] as Token | undefined;
      if (!token) return escapeRegExp(piece);
      order.push(token);
      if (token === "prefix") return escapeRegExp(prefix);
      if (token === "class") return "([0-9A-Za-z.]+)";
      if (token === "year") return "(\\d{4})";
      return "([1-9]\\d*)";
    })
    .join("");
  const match = new RegExp(`^${source}$`).exec(text.trim().replace(/\s+/g, " "));
  if (!match) return null;
  const values: Partial<Record<Token, string>> = {};
  let group = 1;
  for (const token of order) {
    if (token !== "prefix") values[token] = match[group++];
  }
  return { prefix, year: Number(values.year), seq: Number(values.seq), classCode: values.class ?? "" };
}

/** Reads an existing (imported) number in any of the known forms. */
export function parseAnyKnown(prefix: string, text: string, current: string): DiaryParts | null {
  for (const pattern of [current, ...KNOWN_PATTERNS]) {
    const parts = parseDiaryNumber(pattern, prefix, text);
    if (parts) return parts;
  }
  return null;
}

/**
 * How many numbers of a series an imported number jumps over (R8): 0 when it is the next or
 * lies below it. A year the series has never numbered (`last` undefined, an earlier system's
 * year) has no next to skip from, except the current year, whose series starts at 1.
 */
export function skippedNumbers(seq: number, last: number | undefined, currentYear: boolean): number {
  if (last === undefined && !currentYear) return 0;
  return Math.max(0, seq - ((last ?? 0) + 1));
}
