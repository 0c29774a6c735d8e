import type { Case, CaseParty } from "../cases.model.ts";
import type { RegistryDocument } from "../documents.model.ts";
import { publicCase, publicDocument } from "../public/public-view.ts";

/** The three weighted fields of a search row: title (most), parties, body (least). */
export interface SearchFields {
  title: string;
  parties: string;
  body: string;
}

/**
 * The texts of a case's own search row. The extracted text of its files is indexed apart, one
 * part per document (search-index.ts), so registering a letter does not index the case again.
 */
export interface SearchTexts {
  /** Everything registry staff may find: titles, parties, descriptions, drafts. */
  full: SearchFields;
  /** Only what the public register shows (R9). File text stays out: it is released on request. */
  public: SearchFields;
}

const join = (parts: readonly (string | null | undefined)[]) =>
  parts.filter((p): p is string => typeof p === "string" && p !== "").join("\n");

export function searchTexts(
  c: Case,
  parties: readonly CaseParty[],
  documents: readonly RegistryDocument[],
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
      body: join(documents.flatMap((d) => [d.description, d.publicDescription, d.signoffReference])),
    },
    public: {
      title: join([pub.diaryNumber, pub.title]),
      parties: join([...pub.parties, ...shown.map((d) => d.party)]),
      body: join(shown.map((d) => d.description)),
    },
  };
}
