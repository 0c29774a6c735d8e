import type { Actor } from "../../../auth/index.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import type { RecipientState } from "../consultation.model.ts";
import { unitRecipients } from "../consultation.store.ts";
import { roundTitleFor } from "../round-title.ts";
import { effectiveDeadline, trackingState } from "../tracking.ts";

export interface InboxItem {
  recipientId: string;
  consultationId: string;
  title: string;
  diaryNumber: string;
  deadline: string;
  state: RecipientState;
}

const INBOX_LIMIT = 200;

/** The consultations sent to one unit, newest first, with the unit's own deadline and state, titled as the reader may see them. */
export async function unitInbox(ctx: Ctx, reader: Actor, unitId: string): Promise<InboxItem[]> {
  const rows = await unitRecipients(ctx.db, ctx.config.tenantId, unitId, INBOX_LIMIT);
  const today = stockholmDate(ctx.clock.now());
  return rows.map(({ record, title, consultationDeadline, closed, diaryNumber, c }) => ({
    recipientId: record.id,
    consultationId: record.consultationId,
    title: roundTitleFor(reader, { title }, c),
    diaryNumber,
    deadline: effectiveDeadline(consultationDeadline, record.facts.ownDeadline),
    state: trackingState(record.facts, consultationDeadline, today, closed),
  }));
}
