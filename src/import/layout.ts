import { asDigits } from "../platform/text/ocr-digits.ts";
import { fold } from "./fold.ts";
import { CANNOT_END } from "./line-kinds.ts";

/**
 * Layout repairs that need no dictionary: running headers and footers, and lines that hold two
 * or more columns side by side (a distribution list in two columns, a letterhead table).
 */

const ZONE = 3;
const PAGE_NUMBER = /^(sid(a|an)?\.?\s*)?\d{1,3}\s*(\(\s*\d{1,3}\s*\)|(av|\/)\s*\d{1,3})?$/i;

/**
 * Lines compared across pages with case, spacing, digits and the characters OCR confuses ignored,
 * so "Sida 2 av 5" = "Sida 3 av 5" and "Länsstyrelsen" = "L#nsstyrelsen".
 */
const lineKey = (line: string) =>
  line
    .toLowerCase()
    .replace(/[^\p{L}\p{N}#]+/gu, "")
    .replace(/[aoieéåäö#46]/g, "*")
    .replace(/\d+/g, "#");

/**
 * Drops lines that repeat at the top or bottom of most pages (pages are split by form feeds, as
 * tesseract and pdftotext give them), headers of the later pages that repeat a number of the
 * first, and bare page numbers ("2 (3)", "Sida 2 av 3").
 */
export function stripRunningLines(text: string): string {
  const pages = text.split("\f").map((p) => p.split("\n"));
  const zoneKeys = pages.map((lines) => {
    const filled = lines.map((l, i) => ({ l, i })).filter((x) => x.l.trim() !== "");
    return new Map([...filled.slice(0, ZONE), ...filled.slice(-ZONE)].map((x) => [x.i, lineKey(x.l)]));
  });
  const pagesWithKey = new Map<string, number>();
  for (const zone of zoneKeys)
    for (const key of new Set(zone.values())) pagesWithKey.set(key, (pagesWithKey.get(key) ?? 0) + 1);
  const repeated = (key: string) =>
    pages.length >= 2 && (pagesWithKey.get(key) ?? 0) >= Math.max(2, Math.ceil(pages.length / 2));
  const firstPageNumbers = new Set(numbersOf((pages[0] ?? []).join("\n")));
  return pages
    .map((lines, p) =>
      lines
        .filter((line, i) => {
          const key = zoneKeys[p]?.get(i);
          if (key === undefined) return true;
          return !(
            repeated(key) ||
            PAGE_NUMBER.test(line.trim()) ||
            (p > 0 && carriesNumber(line, firstPageNumbers))
          );
        })
        .join("\n"),
    )
    .join("\n");
}

/** Numbers with a separator inside (diary numbers, dates), letters OCR reads for digits taken as digits. */
const numbersOf = (text: string) =>
  text
    .split(/\s+/)
    .filter((word) => (word.match(/\d/g) ?? []).length >= 3)
    .flatMap((word) => asDigits(word).match(/(?<!\d)\d[\d/.:-]*[/-]\d[\d/.:-]*/g) ?? []);

/**
 * A header of the later pages only (the first has the letterhead): a short line at the top or
 * bottom of a page after the first that repeats a number of the first page, as the diary number
 * ("Justitiedepartementet   Ju2024/01555") or the date.
 */
function carriesNumber(line: string, firstPageNumbers: ReadonlySet<string>): boolean {
  const words = line.trim().split(/\s+/);
  return (
    words.length <= 6 && !/\.$/.test(line.trim()) && numbersOf(line).some((n) => firstPageNumbers.has(n))
  );
}

const GAP = /\S(?: {3,}|\t+)(?=\S)/;
interface Cell {
  start: number;
  text: string;
}

function cellsOf(line: string): Cell[] {
  const cells: Cell[] = [];
  for (const m of line.matchAll(/\S+(?: {1,2}\S+)*/g)) cells.push({ start: m.index ?? 0, text: m[0] });
  return cells;
}

/** Column starts of a block: cell starts more than `slack` characters apart form separate columns. */
function columnStarts(cells: Cell[][], slack: number): number[] {
  const starts = [...new Set(cells.flat().map((c) => c.start))].sort((a, b) => a - b);
  const columns: number[] = [];
  for (const s of starts) if (columns.length === 0 || s - (columns.at(-1) ?? 0) > slack) columns.push(s);
  return columns;
}

const nearest = (columns: number[], start: number) =>
  columns.reduce(
    (best, c, i) => (Math.abs(c - start) < Math.abs((columns[best] ?? 0) - start) ? i : best),
    0,
  );

/**
 * Reads side-by-side columns one after the other: a run of lines where some line has a gap of
 * three or more spaces is cut into cells, each cell goes to the column nearest its position, and
 * the columns are written out in order. "A   B / C   D" becomes "A / C / B / D".
 */
export function separateColumns(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!GAP.test(lines[i] ?? "")) {
      out.push(lines[i] ?? "");
      i++;
      continue;
    }
    // The block: this line and its non-blank neighbours below that are gapped or indented, or
    // that a gapped line follows (an item of the left column wrapped onto a line of its own).
    let end = i + 1;
    while (end < lines.length && (lines[end] ?? "").trim() !== "" && goesOn(lines, end)) end++;
    const block = lines.slice(i, end).map(cellsOf);
    const columns = columnStarts(block, 6);
    const byColumn: string[][] = columns.map(() => []);
    for (const cells of block) for (const c of cells) byColumn[nearest(columns, c.start)]?.push(c.text);
    for (const column of byColumn) out.push(...column);
    i = end;
  }
  return out.join("\n");
}

const isColumnar = (line: string) => GAP.test(line) || /^ {6,}\S/.test(line);

/**
 * Whether line `k` belongs to the columns above: it is columnar, or it goes on with the left cell
 * above (which ends in a comma or a little word, or the line starts in lowercase) and a gapped
 * line follows it.
 */
function goesOn(lines: string[], k: number): boolean {
  const line = lines[k] ?? "";
  if (isColumnar(line)) return true;
  const leftAbove = cellsOf(lines[k - 1] ?? "")[0]?.text ?? "";
  if (!CANNOT_END.test(fold(leftAbove)) && !/^\s*\p{Ll}/u.test(line)) return false;
  for (let j = k + 1; j < lines.length && j <= k + 2 && (lines[j] ?? "").trim() !== ""; j++)
    if (GAP.test(lines[j] ?? "")) return true;
  return false;
}

/**
 * Two layout slips of OCR that the word repair cannot see, mended before it runs:
 * - the end of a word alone on a line after a blank one ("Stadsbyggnadsndmnde" / "" / "n"),
 *   glued back onto its word (not a short word of its own: "och", "av");
 * - a pair of cells two spaces apart whose words both wrap onto the next line
 *   ("Arbetsmarknadsndmn  Stockholms Stadshus" / "den AB"): each cell is written with its own
 *   wrapped word below it, left column first. A scan read again by tesseract keeps one space
 *   between the cells: then the first word is the left cell when the rest starts a name and the
 *   line below is a lowercase ending and a capitalised word ("den AB").
 */
/** Short words that stand on a line of their own in their own right, never a word's wrapped ending. */
// Not "en", "den", "de", "det": they are also the endings that wrap ("Överförmyndarnämnd" / "" / "en").
const SHORT_WORDS = new Set(["och", "på", "av", "om", "med", "att", "som", "för", "är", "vid"]);

/** The two cells of a line: two spaces apart, or (one space apart, as tesseract reads them) a long first word and a name. */
function cellPair(line: string, below: string): string[] {
  const cells = line.split(/ {2}(?=\S)/);
  if (cells.length === 2) return cells;
  const words = line.split(" ");
  if (
    words.length >= 3 &&
    (words[0]?.length ?? 0) >= 8 &&
    /^\p{Lu}/u.test(words[1] ?? "") &&
    /^\p{Ll}{1,4} \p{Lu}\S*$/u.test(below)
  )
    return [words[0] ?? "", words.slice(1).join(" ")];
  return cells;
}

export function mendWrappedCells(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const trimmed = line.trim();
    const previous = out.findLastIndex((l) => l.trim() !== "");
    if (
      /^\p{Ll}{1,3}$/u.test(trimmed) &&
      !SHORT_WORDS.has(trimmed) &&
      (lines[i - 1] ?? "").trim() === "" &&
      previous >= 0 &&
      /\p{L}{4,}$/u.test(out[previous] ?? "")
    ) {
      out[previous] = `${out[previous]}${trimmed}`;
      out.splice(previous + 1);
      continue;
    }
    const wrapped = (lines[i + 1] ?? "").trim().split(" ");
    const cells = cellPair(line.trim(), (lines[i + 1] ?? "").trim());
    if (
      cells.length === 2 &&
      !/ {3}/.test(line.trim()) &&
      /^\p{L}+$/u.test(cells[0] ?? "") &&
      wrapped.length === 2 &&
      /^\p{Ll}/u.test(wrapped[0] ?? "") &&
      !/\s{2}/.test((lines[i + 1] ?? "").trim())
    ) {
      out.push(cells[0] ?? "", wrapped[0] ?? "", "", cells[1] ?? "", wrapped[1] ?? "");
      i++;
      continue;
    }
    out.push(line);
  }
  return out.join("\n");
}
