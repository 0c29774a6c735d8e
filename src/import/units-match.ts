import { editDistance } from "./edit-distance.ts";
import type { BodyMatch } from "./proposal.model.ts";

export interface UnitName {
  id: string;
  name: string;
  shortName: string | null;
}

/** Below this a body is left for the clerk to tie to a unit by hand. */
const MATCH_THRESHOLD = 0.85;

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[åä]/g, "a")
    .replace(/ö/g, "o")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i < padded.length - 2; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient over character trigrams: 1 for the same name, tolerant of a letter or two. */
function similarity(a: string, b: string): number {
  const ga = trigrams(normalise(a));
  const gb = trigrams(normalise(b));
  let shared = 0;
  let total = 0;
  for (const [g, n] of ga) shared += Math.min(n, gb.get(g) ?? 0);
  for (const n of ga.values()) total += n;
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** "Stockholms stad" and "Stockholms kommun" both name the city whose organisation is "Stockholms stad". */
const namesUs = (part: string, ownName: string) => {
  const first = normalise(ownName).split(" ")[0] ?? "";
  return first !== "" && normalise(part).split(" ")[0] === first;
};

/**
 * Ties each consulted body to the unit whose name (or short name) it reads as, when one fits.
 * "Stockholms stad, Trafiknämnden" is compared part by part too, so the unit named after the
 * comma is found, but only when the other part names the organisation itself (`ownName`):
 * "Nacka kommun, Trafiknämnden" is another city's committee.
 */
export function matchBodies(
  bodies: readonly string[],
  units: readonly UnitName[],
  ownName: string | null,
): BodyMatch[] {
  const matches: BodyMatch[] = [];
  for (const body of bodies) {
    const split = body.split(",").map((p) => p.trim());
    const ours = split.length === 2 && ownName !== null && namesUs(split[0] ?? "", ownName);
    const parts = ours ? [body, split[1] ?? ""] : [body];
    let best: BodyMatch | null = null;
    for (const unit of units) {
      const names = [unit.name, ...(unit.shortName ? [unit.shortName] : [])];
      for (const part of parts)
        for (const name of names) {
          const score = similarity(part, name);
          if (score >= MATCH_THRESHOLD && (!best || score > best.confidence))
            best = { body, unit_id: unit.id, confidence: Math.round(score * 100) / 100 };
        }
    }
    best ??= misreadUnit(body, units) ?? committeeOfDistrict(body, units);
    if (best) matches.push(best);
  }
  return matches;
}

/** A name a letter or two from a unit's long name, which trigrams miss in short words ("Idrottshämnden"). */
function misreadUnit(body: string, units: readonly UnitName[]): BodyMatch | null {
  const read = normalise(body);
  if (read.length < 8) return null;
  const unit = units.find((u) => {
    const name = normalise(u.name);
    return Math.abs(name.length - read.length) <= 2 && editDistance(read, name) <= allowedMisreadings(name);
  });
  return unit ? { body, unit_id: unit.id, confidence: MATCH_THRESHOLD } : null;
}

/** Letters the OCR may have misread in a name: one in eight, at least one and at most two. */
const allowedMisreadings = (name: string) => Math.min(2, Math.max(1, Math.floor(name.length / 8)));

/**
 * Under "Stadsdelsnämnderna" a list names the districts alone ("Hägersten-Liljeholmen"): the body
 * is the committee named after the district ("Hägersten-Liljeholmens stadsdelsnämnd").
 */
function committeeOfDistrict(body: string, units: readonly UnitName[]): BodyMatch | null {
  const district = normalise(body);
  if (district.split(" ").length > 2) return null;
  const unit = units.find((u) => {
    const name = normalise(u.name);
    return [`${district}s `, `${district} `].some(
      (start) => name.startsWith(start) && /^\S*namnd$/.test(name.slice(start.length)),
    );
  });
  return unit ? { body, unit_id: unit.id, confidence: 0.9 } : null;
}

/**
 * A body matched to a unit whose name it misspells by a letter or two ("Idrottshämnden",
 * "Kulturndmnden") is the OCR's misreading of that name: it is written as the unit is named.
 * Other matches keep the body as the sender wrote it.
 */
export function spelledAsUnits(
  bodies: readonly string[],
  matches: readonly BodyMatch[],
  units: readonly UnitName[],
): { bodies: string[]; matches: BodyMatch[] } {
  const renamed = new Map<string, string>();
  for (const m of matches) {
    const name = units.find((u) => u.id === m.unit_id)?.name;
    if (!name || name === m.body) continue;
    const distance = editDistance(m.body.toLowerCase(), name.toLowerCase());
    if (distance > 0 && distance <= allowedMisreadings(name) + 1) renamed.set(m.body, name);
  }
  return {
    bodies: bodies.map((b) => renamed.get(b) ?? b),
    matches: matches.map((m) => ({ ...m, body: renamed.get(m.body) ?? m.body })),
  };
}
