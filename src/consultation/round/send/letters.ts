import type { Translate } from "../../../platform/i18n/index.ts";
import type { Letterhead } from "../../../platform/text/letterhead.ts";
import { type WordBlock, writeWord } from "../../../platform/text/word-writer.ts";
import type { Case } from "../../../registry/index.ts";
import { type ConsultationDetails, LIST_GROUPS } from "../consultation.model.ts";
import type { MaterialItem } from "../material.ts";

/** What the cover letter and the distribution list say, as blocks for Word and for the printable page. */
export interface RoundLetter {
  title: string;
  blocks: WordBlock[];
}

export interface LetterFacts {
  consultation: ConsultationDetails;
  c: Case;
  material: MaterialItem[];
  officer: string;
  /** The date the letter is sent. */
  date: string;
}

/** The cover letter (missiv): what is sent, to whom, by when, how to answer and whom to ask. */
export function missiv(t: Translate, f: LetterFacts): RoundLetter {
  const k = f.consultation;
  return {
    title: t("round.missiv_title", { title: k.title }),
    blocks: [
      { paragraph: t("round.missiv_reference", { number: f.c.diaryNumber, date: f.date }) },
      { paragraph: t("round.missiv_to") },
      { heading: t("round.missiv_material") },
      ...(f.material.length > 0
        ? f.material.map((d) => ({ paragraph: `${d.date} ${d.description}` }))
        : [{ paragraph: t("consultation.no_material") }]),
      { heading: t("round.missiv_deadline_heading") },
      { paragraph: t("round.missiv_deadline", { deadline: k.deadline, number: f.c.diaryNumber }) },
      { heading: t("consultation.instructions") },
      { paragraph: k.instructions },
      { heading: t("round.missiv_contact") },
      { paragraph: [f.officer, k.contact].filter(Boolean).join("\n") },
    ],
  };
}

/** The distribution list (remitteringsmapp): the bodies in the groups of domain.md §4, with counts. */
export function distributionList(t: Translate, f: LetterFacts): RoundLetter {
  const k = f.consultation;
  const total = LIST_GROUPS.reduce((n, g) => n + k.recipients[g].length, 0);
  return {
    title: t("round.list_title", { title: k.title }),
    blocks: [
      { paragraph: t("round.missiv_reference", { number: f.c.diaryNumber, date: f.date }) },
      { paragraph: t("consultation.distribution_count", { count: total }) },
      ...LIST_GROUPS.filter((g) => k.recipients[g].length > 0).flatMap((g): WordBlock[] => [
        {
          heading: t("consultation.group_count", {
            group: t(`consultation.list_group.${g}`),
            count: k.recipients[g].length,
          }),
        },
        ...k.recipients[g].map((r) => ({ paragraph: r.name })),
      ]),
    ],
  };
}

/** A consultation meeting (remissmöte) as the officer sets it: day, time, place and a note. */
export interface Meeting {
  date: string;
  time: string;
  place: string;
  note?: string | undefined;
}

/** The invitation to a consultation meeting (kallelse till remissmöte), sent to the round's bodies. */
export function meetingInvitation(t: Translate, f: LetterFacts, m: Meeting): RoundLetter {
  const k = f.consultation;
  return {
    title: t("round.meeting_title", { title: k.title }),
    blocks: [
      { paragraph: t("round.missiv_reference", { number: f.c.diaryNumber, date: f.date }) },
      { paragraph: t("round.missiv_to") },
      { paragraph: t("round.meeting_intro", { title: k.title }) },
      { heading: t("round.meeting_when_where") },
      { paragraph: t("round.meeting_at", { date: m.date, time: m.time, place: m.place }) },
      ...(m.note ? [{ paragraph: m.note }] : []),
      { paragraph: t("round.meeting_deadline", { deadline: k.deadline, number: f.c.diaryNumber }) },
      { heading: t("round.missiv_contact") },
      { paragraph: [f.officer, k.contact].filter(Boolean).join("\n") },
    ],
  };
}

/** A letter's text as the lines of a mail: its headings and paragraphs in order. */
export const letterLines = (letter: RoundLetter): string[] =>
  letter.blocks.flatMap((b) =>
    "heading" in b ? [b.heading] : "subheading" in b ? [b.subheading] : "paragraph" in b ? [b.paragraph] : [],
  );

/** A letter as a Word file on the city's template. */
export const letterWord = (letter: RoundLetter, letterhead: Letterhead): Promise<Buffer> =>
  writeWord(letter.title, letter.blocks, { letterhead });
