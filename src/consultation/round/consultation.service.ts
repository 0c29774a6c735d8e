import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import { NotFoundError } from "../../platform/errors.ts";
import {
  type ConsultationDetails,
  LIST_GROUPS,
  type ListGroup,
  type Recipient,
} from "./consultation.model.ts";
import {
  type ConsultationPageQuery,
  consultationPage,
  findConsultation,
  materialOf,
  type RecipientRecord,
  recipientsOf,
  toConsultation,
} from "./consultation.store.ts";
import { type DeadlineWarning, deadlineWarnings } from "./deadlines.ts";
import { effectiveDeadline, trackingState } from "./tracking.ts";

const byName = new Intl.Collator("sv");

/** A body as the board shows it: its tracking state on `today` and the deadline that applies to it. */
export function toRecipient(
  r: RecipientRecord,
  consultationDeadline: string,
  today: string,
  roundClosed: boolean,
): Recipient {
  return {
    id: r.id,
    unitId: r.unitId,
    name: r.name,
    email: r.email,
    group: r.group,
    state: trackingState(r.facts, consultationDeadline, today, roundClosed),
    deadline: effectiveDeadline(consultationDeadline, r.facts.ownDeadline),
    extended: r.facts.ownDeadline !== null,
    sentAt: r.sentAt,
    openedAt: r.facts.openedAt,
    answeredOn: r.facts.answeredOn,
    answerDocumentId: r.answerDocumentId,
    declinedOn: r.facts.declinedOn,
    declineComment: r.declineComment,
    summary: r.summary,
    position: r.position,
  };
}

/** A consultation with its material and its distribution list in groups, each sorted by name. */
export async function getConsultation(ctx: Ctx, id: string): Promise<ConsultationDetails> {
  const row = await findConsultation(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  const [records, documentIds] = await Promise.all([recipientsOf(ctx.db, id), materialOf(ctx.db, id)]);
  const today = stockholmDate(ctx.clock.now());
  const recipients = records.map((r) => toRecipient(r, row.deadline, today, row.status === "closed"));
  const grouped = Object.fromEntries(
    LIST_GROUPS.map((g) => [
      g,
      recipients.filter((r) => r.group === g).sort((a, b) => byName.compare(a.name, b.name)),
    ]),
  ) as Record<ListGroup, Recipient[]>;
  return { ...toConsultation(row), documentIds, recipients: grouped };
}

/** Every body of a consultation in the distribution list's order. */
export const allRecipients = (k: ConsultationDetails): Recipient[] =>
  LIST_GROUPS.flatMap((g) => k.recipients[g]);

/** The deadline's warnings as they stand: against the send date, or today while still a draft. */
export function consultationWarnings(
  ctx: Ctx,
  c: { deadline: string; sentOn: string | null },
): DeadlineWarning[] {
  return deadlineWarnings(c.sentOn ?? stockholmDate(ctx.clock.now()), c.deadline, {
    minimumWeeks: ctx.config.consultationMinWeeks,
  });
}

/** Consultations newest first, of one case or all. */
export async function listConsultations(ctx: Ctx, q: Omit<ConsultationPageQuery, "tenantId">) {
  return (await consultationPage(ctx.db, { ...q, tenantId: ctx.config.tenantId })).map(toConsultation);
}
