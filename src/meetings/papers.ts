import { findUnit, letterheadFor } from "../organisation/index.ts";
import type { Ctx } from "../platform/context.ts";
import { translator } from "../platform/i18n/index.ts";
import { type WordBlock, writeWord } from "../platform/text/word-writer.ts";
import type { AgendaItem, Body, Meeting, Outcome } from "./meetings.model.ts";

const sv = translator("sv");

/** A body's name as the minutes print it: a committee or board by its unit's name. */
export async function bodyName(ctx: Ctx, body: Body, unitId: string | null): Promise<string> {
  if (body !== "UNIT" || !unitId) return sv(`meeting.body.${body}`);
  return (await findUnit(ctx.db, ctx.config.tenantId, unitId))?.name ?? sv("meeting.body.UNIT");
}

/** What a minutes extract (protokollsutdrag) prints of one decision. */
export interface ExtractFacts {
  body: Body;
  unitId: string | null;
  /** The meeting's date; null for a delegation decision. */
  meetingDate: string | null;
  decidedOn: string;
  paragraph: number;
  diaryNumber: string;
  title: string;
  outcome: Outcome;
  proposesTo: Body | null;
  text: string;
}

/**
 * The minutes extract as a Word file on the city's template: the body and the meeting, the §
 * with the case's title and diary number, the decision, and the "Vid protokollet" and "Justeras"
 * lines to sign.
 */
export async function extractWord(ctx: Ctx, f: ExtractFacts): Promise<Buffer> {
  const body = await bodyName(ctx, f.body, f.unitId);
  const proposal = f.proposesTo
    ? [{ paragraph: sv("meeting.extract_proposes", { body, to: await bodyName(ctx, f.proposesTo, null) }) }]
    : [];
  const blocks: WordBlock[] = [
    {
      paragraph: f.meetingDate
        ? sv("meeting.extract_meeting", { body, date: f.meetingDate })
        : sv("meeting.extract_delegation", { body, date: f.decidedOn }),
    },
    { heading: `§ ${f.paragraph} ${f.title}` },
    { paragraph: sv("meeting.extract_diary_number", { number: f.diaryNumber }) },
    { subheading: sv("meeting.extract_decision") },
    ...proposal,
    { paragraph: f.text },
    { paragraph: sv("meeting.extract_outcome", { outcome: sv(`meeting.outcome.${f.outcome}`) }) },
    { paragraph: `${sv("meeting.extract_recorded")}\n\n\n${sv("meeting.extract_approved")}` },
  ];
  const letterhead = await letterheadFor(ctx, {
    unitId: f.unitId,
    diaryNumber: f.diaryNumber,
    date: f.meetingDate ?? f.decidedOn,
  });
  return writeWord(sv("meeting.extract_title"), blocks, { letterhead });
}

/** The agenda (föredragningslista) as a Word file on the city's template: the meeting, then each item in order. */
export async function agendaWord(ctx: Ctx, m: Meeting, items: readonly AgendaItem[]): Promise<Buffer> {
  const body = await bodyName(ctx, m.body, m.unitId);
  const blocks: WordBlock[] = [
    { paragraph: sv("meeting.agenda_doc_meeting", { body, date: m.meetingDate, place: m.place }) },
    ...items.map((i) => ({
      paragraph: sv("meeting.agenda_doc_item", {
        position: i.position,
        title: i.title,
        number: i.diaryNumber,
      }),
    })),
  ];
  const letterhead = await letterheadFor(ctx, { unitId: m.unitId, diaryNumber: null, date: m.meetingDate });
  return writeWord(sv("meeting.agenda_doc_title"), blocks, { letterhead });
}
