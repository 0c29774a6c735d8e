import { z } from "zod";

/** A provision of the OSL (2009:400) that a secrecy marking may cite (issue 14). */
export interface SecrecyGround {
  id: string;
  chapter: number;
  /** "3", or "1 a" for an inserted section. */
  section: string;
  /** Stycke and/or punkt when the ground is narrower than the section, e.g. "andra stycket". */
  paragraph: string | null;
  /** As written in markings and exports: "21 kap. 3 § OSL". */
  citation: string;
  /** A short Swedish description: "skyddad identitet". */
  name: string;
  retiredAt: string | null;
}

export type ProvisionFields = Pick<SecrecyGround, "chapter" | "section" | "paragraph" | "name">;

/** The citation of a provision in the form Swedish authorities write it. */
export const citationOf = (p: Pick<SecrecyGround, "chapter" | "section" | "paragraph">): string =>
  `${p.chapter} kap. ${p.section} §${p.paragraph ? ` ${p.paragraph}` : ""} OSL`;

/** What the list shows and the form offers: citation and name. */
export const labelOf = (g: Pick<SecrecyGround, "citation" | "name">): string => `${g.citation}, ${g.name}`;

const blankToNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);

/** A provision an admin adds. Sections are numbers with an optional inserted letter ("1 a"). */
export const provisionInputSchema = z.strictObject({
  chapter: z.coerce
    .number({ error: "secrecy_ground.chapter_invalid" })
    .int({ error: "secrecy_ground.chapter_invalid" })
    .min(1, { error: "secrecy_ground.chapter_invalid" })
    .max(99, { error: "secrecy_ground.chapter_invalid" }),
  section: z
    .string({ error: "secrecy_ground.section_invalid" })
    .trim()
    .transform((s) => s.replace(/\s+/g, " ").replace(/^(\d+)([a-z])$/, "$1 $2"))
    .pipe(z.string().regex(/^\d{1,3}( [a-z])?$/, { error: "secrecy_ground.section_invalid" })),
  paragraph: z.preprocess(blankToNull, z.string().trim().max(60).nullable().optional()),
  name: z.string().trim().min(1, { error: "secrecy_ground.name_required" }).max(200),
});
export type ProvisionInput = z.output<typeof provisionInputSchema>;

const squash = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

/**
 * The ground a submitted value names: its id, its exact citation or the label the form's list
 * offers ("21 kap. 3 § OSL, skyddad identitet"). Only grounds in use can be chosen.
 */
export function groundNamed(value: string, grounds: readonly SecrecyGround[]): SecrecyGround | null {
  const wanted = squash(value);
  return (
    grounds.find(
      (g) => g.retiredAt === null && (g.id === wanted || g.citation === wanted || labelOf(g) === wanted),
    ) ?? null
  );
}

const LAW = String.raw`(?:OSL|offentlighets- och sekretesslagen(?: \(2009:400\))?|\(2009:400\))`;
const SECTION = String.raw`(\d{1,3}(?: ?[a-z])?)`;
const LEGACY_FORMS = [
  new RegExp(String.raw`^(\d{1,2}) ?kap\.? ?${SECTION} ?§(?: ${LAW})?$`, "i"),
  new RegExp(String.raw`^OSL (\d{1,2}):${SECTION}$`, "i"),
  new RegExp(String.raw`^(\d{1,2}):${SECTION} OSL$`, "i"),
];

/**
 * The chapter and section of a marking written as free text before the list, when it is
 * plainly a whole section of the OSL ("21 kap. 7 § OSL", "21 kap 7 §", "OSL 26:1", "26:1 OSL");
 * anything else (another law, a stycke, prose) is left alone.
 */
export function legacyCitation(text: string): { chapter: number; section: string } | null {
  const s = squash(text);
  for (const form of LEGACY_FORMS) {
    const m = form.exec(s);
    if (m?.[1] && m[2])
      return { chapter: Number(m[1]), section: m[2].toLowerCase().replace(/^(\d+) ?([a-z])$/, "$1 $2") };
  }
  return null;
}

/** The ground a free-text marking of the time before the list stands for, if exactly one whole-section ground does. */
export function groundForLegacy(text: string, grounds: readonly SecrecyGround[]): SecrecyGround | null {
  const c = legacyCitation(text);
  if (!c) return null;
  const matches = grounds.filter(
    (g) => g.chapter === c.chapter && g.section === c.section && g.paragraph === null,
  );
  return matches.length === 1 ? (matches[0] ?? null) : null;
}

/** Grounds ordered as the law is: by chapter, then section ("1", "1 a", "2", …), whole sections first. */
export function inLawOrder<T extends Pick<SecrecyGround, "chapter" | "section" | "paragraph">>(
  grounds: T[],
): T[] {
  const key = (s: string) => {
    const [n, letter] = s.split(" ");
    return [Number(n), letter ?? ""] as const;
  };
  return [...grounds].sort((a, b) => {
    if (a.chapter !== b.chapter) return a.chapter - b.chapter;
    const [an, al] = key(a.section);
    const [bn, bl] = key(b.section);
    if (an !== bn) return an - bn;
    if (al !== bl) return al < bl ? -1 : 1;
    return (a.paragraph ?? "").localeCompare(b.paragraph ?? "", "sv");
  });
}
