import { translator } from "../../platform/i18n/index.ts";
import type { Letterhead } from "../../platform/text/letterhead.ts";
import { wordFile } from "../../platform/text/word-writer.ts";
import { countryName } from "../countries.ts";
import type { LetterKind, VisitRequest } from "./visits.model.ts";

/** Letters go to foreign organisations: they are written in English. */
const t = translator("en");

/** The letter answering a visit request, as a Word file on the city's template (in English), with its register entry's description. */
export async function visitLetter(
  kind: LetterKind,
  v: VisitRequest,
  note: string,
  referredTo: string | null,
  letterhead: Letterhead,
): Promise<{ description: string; documentType: string; fileName: string; bytes: Buffer }> {
  const params = {
    organisation: v.organisation,
    country: countryName(v.country, "en"),
    from: v.visitFrom,
    to: v.visitTo,
    contact: v.contactName,
    referredTo: referredTo ?? "",
  };
  const title = t(`letter.${kind}.title`, params);
  const bytes = await wordFile(
    title,
    [
      [
        "",
        [
          t("letter.greeting", params),
          t(`letter.${kind}.body`, params),
          ...note.split(/\r?\n/).filter((l) => l.trim() !== ""),
          t("letter.closing"),
        ],
      ],
    ],
    { letterhead: { ...letterhead, language: "en" } },
  );
  return {
    description: translator("sv")(`letter.${kind}.description`, params),
    documentType: kind === "invitation" ? "inbjudningsbrev" : "brev",
    fileName: `${kind}-letter.docx`,
    bytes,
  };
}
