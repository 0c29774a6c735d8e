/**
 * A deterministic generator of the damage OCR does to Swedish text, for the importer's corpus
 * and tests: å, ä and ö misread, long lines wrapped with words broken (with and without a
 * hyphen), a running header and footer on every page, and a list read as two columns row by row.
 */

import { random as mulberry32 } from "../../bench/city.ts";

/** A seeded random source (the benchmark city's mulberry32): the same seed gives the same damage. */
export const seeded = mulberry32;

const pick = <T>(random: () => number, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const MISREADINGS: Record<string, readonly string[]> = {
  å: ["a", "a", "é", "#", "4", "i"],
  ä: ["a", "a", "é", "#", "4", "i"],
  ö: ["o", "o", "é", "#", "6", "i"],
  Å: ["A", "A", "#", "4"],
  Ä: ["A", "A", "#", "4"],
  Ö: ["O", "O", "#", "6"],
};

/** Each å, ä and ö misread with probability `rate`. */
export function damageCharacters(text: string, random: () => number, rate = 0.5): string {
  return text.replace(/[åäöÅÄÖ]/g, (ch) => (random() < rate ? pick(random, MISREADINGS[ch] ?? [ch]) : ch));
}

/**
 * Wraps a long line at `width`, breaking some of the words that do not fit: with a hyphen
 * ("remiss-" / "instanser") or without one ("remiss" / "instanser"), as OCR of justified text does.
 */
export function wrapWithBrokenWords(line: string, random: () => number, width = 64): string[] {
  if (line.trim() === "") return [""];
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    if (current === "" || current.length + 1 + word.length <= width) {
      current = current ? `${current} ${word}` : word;
      continue;
    }
    const room = width - current.length - 2;
    if (/^\p{Ll}{8,}$/u.test(word) && room >= 4 && random() < 0.6) {
      const at = Math.min(room, 3 + Math.floor(random() * (word.length - 6)));
      const hyphen = random() < 0.6;
      out.push(`${current} ${word.slice(0, at)}${hyphen ? "-" : ""}`);
      current = word.slice(at);
    } else {
      out.push(current);
      current = word;
    }
  }
  if (current) out.push(current);
  return out;
}

/** Two columns side by side, read row by row with a gap between them. */
export function sideBySide(items: readonly string[], random: () => number): string[] {
  const half = Math.ceil(items.length / 2);
  const left = items.slice(0, half);
  const right = items.slice(half);
  const width = Math.max(...left.map((l) => l.length)) + 3 + Math.floor(random() * 6);
  return left.map((l, i) => (right[i] ? l.padEnd(width) + right[i] : l));
}

export interface OcrLikeOptions {
  seed: number;
  /** Lines that form a list to read as two columns (in the order given). */
  columnItems?: readonly string[];
  header?: string;
  /** Lines per page before a page break. */
  pageLines?: number;
  rate?: number;
}

/** Clean text as OCR of a printed, multi-page letter would give it back. */
export function ocrLike(text: string, options: OcrLikeOptions): string {
  const random = seeded(options.seed);
  const columnItems = new Set(options.columnItems ?? []);
  const lines: string[] = [];
  const source = text.split("\n");
  for (let i = 0; i < source.length; i++) {
    const line = source[i] ?? "";
    if (columnItems.has(line.trim())) {
      const run: string[] = [];
      while (i < source.length && columnItems.has((source[i] ?? "").trim()))
        run.push((source[i++] ?? "").trim());
      i--;
      lines.push(...sideBySide(run, random));
    } else lines.push(...wrapWithBrokenWords(line, random));
  }
  const perPage = options.pageLines ?? 30;
  const pages: string[] = [];
  const count = Math.ceil(lines.length / perPage);
  for (let p = 0; p < count; p++) {
    const body = lines.slice(p * perPage, (p + 1) * perPage);
    const header = options.header ? [options.header, ""] : [];
    pages.push([...header, ...body, "", `Sida ${p + 1} av ${count}`].join("\n"));
  }
  return damageCharacters(pages.join("\n\f"), random, options.rate);
}
