import { type Translate, translator } from "../../platform/i18n/index.ts";
import type { Letterhead } from "../../platform/text/letterhead.ts";
import { type WordSection, wordFile } from "../../platform/text/word-writer.ts";
import type { Delivery, Outcome } from "./copy-requests.model.ts";

/** What a decision on a copy request says: the same words in the letter, the mail and on the receipt page. */
export interface DecisionText {
  outcome: Outcome;
  deliveredBy: Delivery | null;
  provision: string | null;
  note: string | null;
  receivedOn: string;
  decidedOn: string;
  decidedBy: string;
  /** The requested document as the public register shows it, and its case. */
  document: string;
  caseNumber: string;
  /** The diary number of the request's own case, which an appeal names. */
  requestNumber: string;
  /** Who decided, and where an appeal is lodged. */
  authority: string;
}

/** A refusal, whole or in part, can be appealed: its decision carries the appeal notice (R12). */
export const appealable = (outcome: Outcome): boolean => outcome !== "sent";

/** The decision's paragraphs, in the reader's language; the appeal notice is separate (`appealNotice`). */
export function decisionParagraphs(t: Translate, d: DecisionText): string[] {
  const params = {
    received: d.receivedOn,
    document: d.document,
    caseNumber: d.caseNumber,
    requestNumber: d.requestNumber,
    provision: d.provision ?? "",
    // The sentence around the note ends it: a full stop typed at its end would be doubled.
    note: (d.note ?? "").replace(/[.\s]+$/, ""),
    decidedOn: d.decidedOn,
    decidedBy: d.decidedBy,
    authority: d.authority,
  };
  return [
    t("decision.intro", params),
    t(`decision.${d.outcome}`, params),
    ...(d.deliveredBy ? [t(`decision.delivered.${d.deliveredBy}`)] : []),
    t("decision.signed", params),
  ];
}

/** How to appeal: to the administrative court of appeal, lodged with the authority within three weeks. */
export const appealNotice = (t: Translate, d: DecisionText): string =>
  t("decision.appeal", { authority: d.authority, requestNumber: d.requestNumber });

/** The decision as a Word letter on the city's template (in Swedish, the authority's language), ready to be registered. */
export async function decisionLetter(
  d: DecisionText,
  letterhead: Letterhead,
): Promise<{ fileName: string; bytes: Buffer }> {
  const t = translator("sv");
  const sections: WordSection[] = [["", decisionParagraphs(t, d)]];
  if (appealable(d.outcome)) sections.push([t("decision.appeal_title"), [appealNotice(t, d)]]);
  const bytes = await wordFile(t("decision.title"), sections, { letterhead });
  return { fileName: `beslut-${d.requestNumber.replace(/[^\w-]+/g, "-")}.docx`, bytes };
}
