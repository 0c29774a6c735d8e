import fs from "node:fs";
import { editDistance } from "./edit-distance.ts";
import { fold } from "./fold.ts";

/** The shape of public-bodies.json. */
export interface PublicBodyRegister {
  sources: string[];
  municipalities: string[];
  regions: string[];
  county_administrative_boards: string[];
  agencies: string[];
  associations: string[];
}

/**
 * The register of Swedish public bodies (public-bodies.json, with its sources): the names a
 * consultation's list may hold, so that a name the OCR damaged is written as the body is named
 * ("Naturvårdsverkct" → "Naturvårdsverket") and a name with "och" in it is one body ("Sveriges
 * Kommuner och Regioner"). Read once at start: a data file beside this module, not code.
 */
const register = JSON.parse(
  fs.readFileSync(new URL("./public-bodies.json", import.meta.url), "utf8"),
) as PublicBodyRegister;

/** "Ale kommun", "Stockholms kommun", "Falu kommun": the genitive Swedish gives a place name. */
function genitive(place: string): string {
  if (GENITIVE_EXCEPTIONS[place]) return GENITIVE_EXCEPTIONS[place];
  return /[sxzaeiouyåäö]$/i.test(place) ? place : `${place}s`;
}
const GENITIVE_EXCEPTIONS: Record<string, string> = { Falun: "Falu" };

/** Every name in the register, municipalities as "X kommun" and "X stad". */
export const PUBLIC_BODY_NAMES: readonly string[] = [
  ...register.municipalities.flatMap((m) => [`${genitive(m)} kommun`, `${genitive(m)} stad`]),
  ...register.regions,
  ...register.county_administrative_boards,
  ...register.agencies,
  ...register.associations,
];

const byFolded = new Map(PUBLIC_BODY_NAMES.map((n) => [fold(n), n]));

/** The register's spelling of a body: itself when known, the name it misspells by a letter or two, else null. */
export function publicBodyName(body: string): string | null {
  const key = fold(body.trim());
  const exact = byFolded.get(key);
  if (exact) return exact;
  if (key.length < MIN_FUZZY_LENGTH) return null;
  const allowed = key.length >= 16 ? 2 : 1;
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const [folded, name] of byFolded) {
    if (Math.abs(folded.length - key.length) > allowed) continue;
    const d = editDistance(key, folded);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

/** Shorter names are too like each other for a misreading to be told from another name. */
const MIN_FUZZY_LENGTH = 8;

/** Names in the register that hold " och " ("Sveriges Kommuner och Regioner"), folded. */
export const NAMES_WITH_OCH = PUBLIC_BODY_NAMES.filter((n) => n.includes(" och ")).map(fold);
