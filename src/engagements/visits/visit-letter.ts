import { translator } from "../../platform/i18n/index.ts";
import { type Letterhead, letterDate } from "../../platform/text/letterhead.ts";
import { type WordSection, wordFile } from "../../platform/text/word-writer.ts";
import { countryName } from "../countries.ts";
import type { LetterKind, VisitRequest } from "./visits.model.ts";

/** Letters go to foreign organisations: they are written in English. */
const t = translator("en");

/** A letter to register: the Word file and its register entry's words. */
export interface VisitLetterFile {
  description: string;
  documentType: string;
  fileName: string;
  bytes: Buffer;
}

const paramsOf = (v: VisitRequest, referredTo: string | null = null) => ({
  organisation: v.organisation,
  country: countryName(v.country, "en"),
  from: v.visitFrom,
  to: v.visitTo,
  contact: v.contactName,
  referredTo: referredTo ?? "",
});

const lines = (text: string | null | undefined) => (text ?? "").split(/\r?\n/).filter((l) => l.trim() !== "");

/**
 * The letter answering a visit request (acceptance, decline or referral), as a Word file on the
 * city's template (in English), with its register entry's description.
 */
export async function visitLetter(
  kind: Exclude<LetterKind, "invitation">,
  v: VisitRequest,
  note: string,
  referredTo: string | null,
  letterhead: Letterhead,
): Promise<VisitLetterFile> {
  const params = paramsOf(v, referredTo);
  const title = t(`letter.${kind}.title`, params);
  const bytes = await wordFile(
    title,
    [
      [
        "",
        [t("letter.greeting", params), t(`letter.${kind}.body`, params), ...lines(note), t("letter.closing")],
      ],
    ],
    { letterhead: { ...letterhead, language: "en" } },
  );
  return {
    description: translator("sv")(`letter.${kind}.description`, params),
    documentType: "brev",
    fileName: `${kind}-letter.docx`,
    bytes,
  };
}

/** The deciding body's decision an invitation letter rests on, as the letter names it. */
export interface ApprovingDecision {
  /** The body's name in English ("The executive board"). */
  body: string;
  decidedOn: string;
  minutesParagraph: string;
}

/**
 * The invitation letter (P5) for an accepted visit the deciding body has approved: what a visa
 * application needs — the city's template with its date, diary number, contact and signatory, the
 * delegation, the dates and purpose of the visit, the decision, and every participant by name.
 */
export async function invitationLetter(
  v: VisitRequest,
  facts: { participantNames: readonly string[]; note: string | null; decision: ApprovingDecision },
  letterhead: Letterhead,
): Promise<VisitLetterFile> {
  const params = paramsOf(v);
  const { decision, participantNames } = facts;
  const body = decision.body.charAt(0).toLowerCase() + decision.body.slice(1);
  const sections: WordSection[] = [
    [
      "",
      [
        t("letter.greeting", params),
        t("letter.invitation.body", params),
        t("letter.invitation.decision", {
          body,
          date: letterDate(decision.decidedOn, "en"),
          paragraph: decision.minutesParagraph,
        }),
        t("letter.invitation.purpose", { purpose: v.purpose.replace(/\s*\r?\n\s*/g, " ") }),
        t("letter.invitation.participants", { count: participantNames.length }),
        {
          caption: t("letter.invitation.participants_caption"),
          head: [t("letter.invitation.number"), t("letter.invitation.name")],
          rows: participantNames.map((name, i) => [String(i + 1), name]),
        },
        ...lines(facts.note),
        t("letter.invitation.visa"),
        t("letter.closing"),
      ],
    ],
  ];
  const bytes = await wordFile(t("letter.invitation.title", params), sections, {
    letterhead: { ...letterhead, language: "en" },
  });
  return {
    description: translator("sv")("letter.invitation.description", params),
    documentType: "inbjudningsbrev",
    fileName: "invitation-letter.docx",
    bytes,
  };
}
