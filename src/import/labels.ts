import { fold } from "./fold.ts";

/**
 * Labels a letterhead sets on a line of their own, alone or as a table (labels in one row, their
 * values in the row below, which the column repair turns into a run of labels and a run of values).
 */
const HEADER_LABEL =
  /^(datum|vart datum|ert datum|dnr|d\.nr|diarienr|diarienummer|vart dnr|ert dnr|vart diarienummer|ert diarienummer|var beteckning|er beteckning|beteckning|arendenummer|arendenr|var referens|er referens|var ref|er ref|referens|handlaggare|kontaktperson|telefon|tel|e-post|sida|mottagare|avsandare)\s*[.:]?$/;

const isBareLabel = (line: string) => HEADER_LABEL.test(fold(line).trim());

/**
 * The value after each line that starts with `label` (matched on the folded line): the rest of the
 * line, or, for a label on its own, the value below it. In a table of labels the n-th label of the
 * run takes the n-th line of the run of values that follows ("Handläggare / Datum / Dnr" over
 * "Emma Lund / 2017-11-08 / KS 2017/12").
 */
export function labelled(lines: readonly string[], label: RegExp): string[] {
  const values: string[] = [];
  lines.forEach((line, i) => {
    const m = label.exec(fold(line));
    if (!m) return;
    const rest = line
      .slice(m[0].length)
      .replace(/^[\s.:]+/, "")
      .trim();
    const value = rest || valueBelow(lines, i);
    if (value) values.push(value);
  });
  return values;
}

function valueBelow(lines: readonly string[], i: number): string | undefined {
  let start = i;
  while (start > 0 && isBareLabel(lines[start - 1] ?? "")) start--;
  let end = i + 1;
  while (end < lines.length && isBareLabel(lines[end] ?? "")) end++;
  const count = end - start;
  if (count > 1) {
    const below = lines
      .slice(end, end + 2 * count + 1)
      .filter((l) => l !== "")
      .slice(0, count);
    if (below.length === count && !below.some(isBareLabel)) return below[i - start];
  }
  return lines.slice(i + 1, i + 3).find((l) => l !== "");
}
