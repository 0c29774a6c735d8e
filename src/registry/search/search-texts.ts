import type { Case, CaseParty } from "../cases.model.ts";
import type { RegistryDocument } from "../documents.model.ts";
import { publicCase, publicDocument } from "../public/public-view.ts";

/** The three weighted fields of a search row: title (most), parties, body (least). */
export interface SearchFields {
  title: string;
  parties: string;
  body: string;
}

export interface SearchTexts {
  /** Everything registry staff may find: titles, parties, descriptions, drafts, file text. */
  full: SearchFields;
  /** Only what the public register shows (R9). File text stays out: it is released on request. */
  public: SearchFields;
}

/** Extracted file text beyond this is not indexed (a tsvector holds at most 1 MB). */
const MAX_BODY = 200_000;

const join = (parts: readonly (string | null | undefined)[]) =>
  parts.filter((p): p is string => typeof p === "string" && p !== "").join("\n");

export function searchTexts(
  c: Case,
  parties: readonly CaseParty[],
  documents: readonly RegistryDocument[],
  fileText: ReadonlyMap<string, string>,
): SearchTexts {
  const pub = publicCase(c, parties);
  const shown = documents.map(publicDocument).filter((d) => d !== null);
  return {
    full: {
      title: join([c.diaryNumber, c.title, c.publicTitle]),
      parties: join([
        ...parties.flatMap((p) => [p.name, p.organisation]),
        ...documents.flatMap((d) => [d.party, d.publicParty]),
      ]),
      body: join([
        ...documents.flatMap((d) => [d.description, d.publicDescription, d.signoffReference]),
        ...documents.map((d) => fileText.get(d.id)),
      ]).slice(0, MAX_BODY),
    },
    public: {
      title: join([pub.diaryNumber, pub.title]),
      parties: join([...pub.parties, ...shown.map((d) => d.party)]),
      body: join(shown.map((d) => d.description)),
    },
  };
}
