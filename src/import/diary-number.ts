import { mendDigits } from "../platform/text/ocr-digits.ts";
import { findDates } from "../platform/text/swedish-dates.ts";
import { fold } from "./fold.ts";
import { labelled } from "./labels.ts";

/**
 * The sender's diary number, as ministries (Fi2024/01234, S2023/04567/K), agencies
 * (NV-01234-23, TRV 2024/12345, 101-12345-2024), regions (RS 2023-0456) and municipalities
 * (KS 2024/123, KS-2023-01234, Dnr 2024-000456) write it. Pure. The recipient's own reference
 * ("Ert dnr", "Er beteckning") is never taken.
 */

/** Labels of the sender's number; "Ert dnr" does not start with any of them. */
const DIARY_LABEL =
  /^((vart|var) )?(dnr|d\.nr|diarienr|diarie nr|diarienummer|beteckning|arendenummer|arendenr|arende nr|referens|ref)\b\.?:?/;
/** The number named in running text ("ange diarienummer Fi2024/01234", "remiss i ärendet M2015/818/Me"), not after "ert"/"er". */
const DIARY_IN_TEXT =
  /(?<!\b(?:er|ert|eder|edert|era)\s)\b(dnr|diarienummer|diarienumret|diarienumren|arendenummer|arendenumret|beteckning|beteckningen|i arendet)\s*[.:]?\s+/g;
/** An identifier: an optional prefix of letters, digits in groups joined by / - . or :, and a suffix. */
const DIARY_VALUE =
  /^(?:[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}(?:[ /-]|(?=\d))|[a-zåäö]{2,5}\. )?\d+(?:[/.:-]\d+)*(?:\/[A-Za-zÅÄÖ0-9]+)*(?:[-/][A-Z0-9]{1,4})?/;
const PREFIX =
  /^(?:(?!O[\dOolI|])[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5}(?:[ /-]|(?=[\dOolI|SB]))|[a-zåäö]{2,5}\. (?=\d))/;
/**
 * The Government Offices' form (M2011/1516/Ma, Fi2016/01187/K): a ministry's letters, the year,
 * the number and a unit. A reply names the consultation by it at its top, unlabelled ("TSG
 * 2011-486 M2011/1516/Ma Remissvar"), beside its own number.
 */
const MINISTRY_NUMBER =
  /\b[A-ZÅÄÖ][a-zåäö]{0,2}(?:19|20)\d\d\/\d{3,6}(?:\/[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,4})+(?![\p{L}\d])/gu;
/** The recipient's own reference just before a number ("Er referens: M2011/…", "Ert dnr …"). */
const THEIRS = /\b(er|ert|eder|edert|era)\b[^\d]{0,15}$/;
/**
 * The Government Offices' one-letter prefixes I and S read as a digit before the year
 * ("12024/00876" for I2024/00876, "52023/04567" for S2023/04567): a year with a digit before it
 * and a five-digit number after it is no other sender's form.
 */
const MINISTRY_PREFIX_MISREAD = /^[15l|](?=(?:19|20)\d\d\/\d{4,6}\b)/;
/** A "/" read as l, I or |: after a four-digit year, or before a year that ends the number. */
const SLASH_MISREAD =
  /(?<=(?:^|[^\d])(?:19|20)\d\d)[lI|](?=[\dOo]{2,})|(?<=\d{2,})[lI|](?=(?:19|20)\d\d(?![\d/-]))/g;

/**
 * A candidate with the damage OCR does to numbers undone: spaces around a separator dropped,
 * a misread "/" restored and letters in the digits read as digits. The prefix keeps its letters.
 */
function mendDiaryNumber(text: string): string {
  const t = text
    .trim()
    .replace(/^d\.?nr\.?:?\s*/i, "")
    .replace(MINISTRY_PREFIX_MISREAD, (c) => (c === "5" ? "S" : "I"));
  const prefix = PREFIX.exec(t)?.[0] ?? "";
  const body = t
    .slice(prefix.length)
    .replace(/(?<=[\dOolI|SB])\s*([/-])\s*(?=[\dOolI|SB])/g, "$1")
    .replace(SLASH_MISREAD, "/");
  return prefix + mendDigits(body);
}

const isDate = (s: string) => findDates(s).some((d) => d.index === 0);

function diaryValue(text: string): string | null {
  const m = DIARY_VALUE.exec(mendDiaryNumber(text));
  if (!m || isDate(m[0]) || !/\d/.test(m[0]) || !/[/-]|\d{3,}/.test(m[0])) return null;
  return m[0].replace(/[.,;:]+$/, "");
}

/** How far into the text an unlabelled ministry number is the document's own (its first line or so). */
const MINISTRY_REACH = 120;

export function diaryNumberOf(lines: readonly string[]): string | null {
  for (const value of labelled(lines, DIARY_LABEL)) {
    const v = diaryValue(value);
    if (v) return v;
  }
  // A line of its own near the top, as the Government Offices write it ("Fi2016/01187/K").
  for (const line of lines.slice(0, 25)) {
    const v = diaryValue(line);
    if (v && v === mendDiaryNumber(line) && /[A-Za-z]/.test(v) && v.includes("/")) return v;
  }
  // The ministry's number in the document's first lines.
  const top = lines.slice(0, 3).join(" ").slice(0, MINISTRY_REACH);
  for (const m of top.matchAll(MINISTRY_NUMBER)) if (!THEIRS.test(fold(top.slice(0, m.index)))) return m[0];
  // In running text, the number perhaps on the next line ("Ange diarienummer" / "Fi2024/01234").
  const text = lines.join("\n");
  for (const m of fold(text).matchAll(DIARY_IN_TEXT)) {
    const v = diaryValue(text.slice((m.index ?? 0) + m[0].length));
    if (v) return v;
  }
  return null;
}
