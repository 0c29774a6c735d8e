import { type Proposal, SCALAR_FIELDS, type ScalarField } from "./proposal.model.ts";

/** How a set of proposals compares with the truths written for their documents. */
export interface Scores {
  documents: number;
  /** Share of documents whose field is exactly right (null = null counts as right). */
  exact: Record<ScalarField, number>;
  /** Among the documents whose truth has the field: the share read exactly, and how many they are. */
  whereSet: Record<ScalarField, { rate: number; documents: number }>;
  bodies: { precision: number; recall: number; f1: number };
  matches: { precision: number; recall: number; f1: number };
}

/** Bodies compare with spacing and case ignored: "Miljö- och  hälsoskyddsnämnden" is the same body. */
const bodyKey = (s: string) => s.replace(/[–—]/g, "-").replace(/\s+/g, " ").trim().toLowerCase();

function prf(found: number, truths: number, right: number) {
  const precision = found === 0 ? (truths === 0 ? 1 : 0) : right / found;
  const recall = truths === 0 ? 1 : right / truths;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Exact-match rates per field, and precision, recall and F1 (micro-averaged) for the bodies and unit matches. */
export function score(pairs: readonly { proposal: Proposal; truth: Proposal }[]): Scores {
  const exact = Object.fromEntries(SCALAR_FIELDS.map((f) => [f, 0])) as Record<ScalarField, number>;
  const set = Object.fromEntries(SCALAR_FIELDS.map((f) => [f, { right: 0, documents: 0 }])) as Record<
    ScalarField,
    { right: number; documents: number }
  >;
  const bodies = { found: 0, truths: 0, right: 0 };
  const matches = { found: 0, truths: 0, right: 0 };
  for (const { proposal, truth } of pairs) {
    for (const f of SCALAR_FIELDS) {
      const right = normalise(proposal[f]) === normalise(truth[f]);
      if (right) exact[f]++;
      if (truth[f] === null) continue;
      set[f].documents++;
      if (right) set[f].right++;
    }
    const wanted = new Set(truth.consulted_bodies.map(bodyKey));
    const got = new Set(proposal.consulted_bodies.map(bodyKey));
    bodies.found += got.size;
    bodies.truths += wanted.size;
    bodies.right += [...got].filter((b) => wanted.has(b)).length;
    const wantedUnits = new Set(truth.matches.map((m) => m.unit_id));
    const gotUnits = new Set(proposal.matches.map((m) => m.unit_id));
    matches.found += gotUnits.size;
    matches.truths += wantedUnits.size;
    matches.right += [...gotUnits].filter((u) => wantedUnits.has(u)).length;
  }
  const n = pairs.length;
  for (const f of SCALAR_FIELDS) exact[f] = n === 0 ? 0 : exact[f] / n;
  const whereSet = Object.fromEntries(
    SCALAR_FIELDS.map((f) => [
      f,
      { rate: set[f].documents === 0 ? 1 : set[f].right / set[f].documents, documents: set[f].documents },
    ]),
  ) as Scores["whereSet"];
  return {
    documents: n,
    exact,
    whereSet,
    bodies: prf(bodies.found, bodies.truths, bodies.right),
    matches: prf(matches.found, matches.truths, matches.right),
  };
}

/** Spacing and the kind of dash are typography, not content: OCR reads "–" as "-". */
const normalise = (v: string | null) =>
  v === null ? null : v.replace(/[–—]/g, "-").replace(/\s+/g, " ").trim();

/** The scores as the evaluation prints them. */
export function formatScores(label: string, s: Scores): string {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)} %`;
  const lines = [`${label}: ${s.documents} documents`];
  for (const f of SCALAR_FIELDS)
    lines.push(
      `  ${f.padEnd(20)} ${pct(s.exact[f])}   where set ${pct(s.whereSet[f].rate)} of ${s.whereSet[f].documents}`,
    );
  for (const [name, v] of [
    ["consulted_bodies", s.bodies],
    ["matches", s.matches],
  ] as const)
    lines.push(
      `  ${name.padEnd(20)} precision ${pct(v.precision)}  recall ${pct(v.recall)}  F1 ${v.f1.toFixed(3)}`,
    );
  return lines.join("\n");
}
