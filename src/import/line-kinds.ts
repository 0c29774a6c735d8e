import { findDates } from "../platform/text/swedish-dates.ts";
import { fold } from "./fold.ts";

/** Kinds of line a cover letter is made of, shared by the title and the list readers. Pure. */

/** A "Remiss av …" heading (or "Remiss: …", "Remiss – …"). */
const REMISS_HEADING =
  /^(remiss|remittering|remissmissiv)(\s+(av|om|angaende|avseende|gallande|till)\b|\s*[:–-])\s*\S/;
/** A letterhead or signature label line. */
export const LABEL_LINE =
  /^(till|datum|dnr|diarie|var |er |handlaggare|kontakt|telefon|tfn|tel|e-post|ert datum|enligt uppdrag|med vanlig|remissinstans|sandlista)/;

/** A sentence rather than a name or a list of names: many words, a full stop, an address or a date. */
export function isProse(line: string): boolean {
  const words = line.split(/\s+/).length;
  if (line.split(";").length >= 3) return false;
  // Names separated by commas, each of a few words, with no full stop: a list, not a sentence.
  const parts = line.split(",");
  if (parts.length >= 3 && !/\.$/.test(line) && parts.every((p) => p.trim().split(/\s+/).length <= 4))
    return false;
  return words >= 9 || (/\.$/.test(line) && words >= 5) || line.includes("@") || findDates(line).length > 0;
}

export const isRemissHeading = (line: string) => REMISS_HEADING.test(fold(line));

/** A line that cannot end a heading or a name: it ends in a comma, a dash or a little word. */
export const CANNOT_END = /(\s(och|for|av|i|till|om|med|pa|den|det|de|en|ett|samt|vid|fran)|[–,-])$/;
