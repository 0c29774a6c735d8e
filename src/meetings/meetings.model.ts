import { z } from "zod";
import { DECIDING_BODIES, type DecidingBody } from "../engagements/index.ts";
import { addCivilDays, type CivilDate } from "../platform/calendar/civil-date.ts";
import { nextWorkingDay } from "../platform/calendar/swedish-days.ts";
import { blankToUndefined } from "../platform/validation.ts";

/** The bodies that decide (domain.md §6): KF, KS, the finance commissioner (IB), a committee or board (UNIT). */
export const BODIES = DECIDING_BODIES;
export type Body = DecidingBody;

/** Bifall, avslag, återremiss, bordläggning, or a proposal to another body ("KS föreslår KF besluta …"). */
export const OUTCOMES = ["approved", "rejected", "referred_back", "tabled", "proposal"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface Meeting {
  id: string;
  body: Body;
  unitId: string | null;
  meetingDate: string;
  place: string;
  /** The day the justerade minutes were posted on the notice board. */
  postedOn: string | null;
}

export interface AgendaItem {
  id: string;
  meetingId: string | null;
  body: Body;
  unitId: string | null;
  caseId: string;
  diaryNumber: string;
  documentId: string;
  title: string;
  position: number;
  decisionId: string | null;
}

export interface Decision {
  id: string;
  body: Body;
  unitId: string | null;
  meetingId: string | null;
  meetingDate: string | null;
  agendaItemId: string | null;
  caseId: string;
  decidedOn: string;
  year: number;
  paragraph: number;
  outcome: Outcome;
  proposesTo: Body | null;
  text: string;
  extractDocumentId: string;
  postedOn: string | null;
}

const body = z.enum(BODIES);
const required = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);

/** A UNIT body's unit is checked by the service, with the other errors. */
export const meetingInputSchema = z.object({
  body: required(body),
  unitId: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  meetingDate: required(z.iso.date({ error: "validation.date" })),
  place: required(z.string().trim().min(1).max(200)),
});
export type MeetingInput = z.output<typeof meetingInputSchema>;

export const agendaItemInputSchema = z.object({
  diaryNumber: required(z.string().trim().min(1).max(100)),
  /** The underlag: the registered document of an approved tjänsteutlåtande of the case. */
  documentId: required(z.string().trim().min(1).max(100)),
  title: required(z.string().trim().min(1).max(500)),
});

export const decisionInputSchema = z.object({
  outcome: required(z.enum(OUTCOMES)),
  proposesTo: z.preprocess(blankToUndefined, body.optional()),
  text: required(z.string().trim().min(1).max(5000)),
});

/** A proposal names the body it goes to, and only a proposal does; read from the raw input so it comes with the other errors. */
export function proposalErrors(input: unknown): { field: string; message: string }[] {
  const { outcome, proposesTo } = (input ?? {}) as { outcome?: unknown; proposesTo?: unknown };
  const named = blankToUndefined(proposesTo) !== undefined;
  return (outcome === "proposal") === named
    ? []
    : [{ field: "proposesTo", message: "meeting.proposes_to_with_proposal" }];
}
export type DecisionInput = z.output<typeof decisionInputSchema>;

/** The day the justerade minutes were posted on the notice board. */
export const postingInputSchema = z.object({ postedOn: required(z.iso.date({ error: "validation.date" })) });

/** A delegation decision: taken alone, without a meeting, in a case (domain.md §6a). */
export const delegationInputSchema = z.object({
  body: required(body),
  unitId: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  diaryNumber: required(z.string().trim().min(1).max(100)),
  decidedOn: required(z.iso.date({ error: "validation.date" })),
  outcome: required(z.enum(["approved", "rejected"])),
  text: required(z.string().trim().min(1).max(5000)),
});

/** The paragraph series a decision is numbered in: per body, a committee's per unit; delegation has its own. */
export const seriesOf = (b: Body, unitId: string | null, delegated: boolean) =>
  `${delegated ? "D:" : ""}${b === "UNIT" ? `UNIT:${unitId}` : b}`;

/**
 * The last day to appeal (laglighetsprövning, kommunallagen 13 kap. 5 §): three weeks from the
 * day the posting of the justerade minutes was made; a last day on a Saturday, Sunday or holiday
 * moves to the next working day (lagen 1930:173 om beräkning av lagstadgad tid).
 */
export const appealEndsOn = (postedOn: CivilDate): CivilDate => nextWorkingDay(addCivilDays(postedOn, 21));

/** The day a posted decision gains legal force when no appeal is lodged: the day after the appeal period. */
export const legalForceOn = (postedOn: CivilDate): CivilDate => addCivilDays(appealEndsOn(postedOn), 1);
