import { stockholmDate } from "../platform/clock.ts";
import type { Ctx } from "../platform/context.ts";
import { effectiveDeadline, type RecipientState, trackingState } from "./consultations.model.ts";
import { unitRecipients } from "./consultations.store.ts";

export interface InboxItem {
  recipientId: string;
  consultationId: string;
  title: string;
  diaryNumber: string;
  deadline: string;
  state: RecipientState;
}

const INBOX_LIMIT = 200;

/** The consultations sent to one unit, newest first, with the unit's own deadline and state. */
export async function unitInbox(ctx: Ctx, unitId: string): Promise<InboxItem[]> {
  const rows = await unitRecipients(ctx.db, ctx.config.tenantId, unitId, INBOX_LIMIT);
  const today = stockholmDate(ctx.clock.now());
  return rows.map(({ record, title, consultationDeadline, diaryNumber }) => ({
    recipientId: record.id,
    consultationId: record.consultationId,
    title,
    diaryNumber,
    deadline: effectiveDeadline(consultationDeadline, record.facts.ownDeadline),
    state: trackingState(record.facts, consultationDeadline, today),
  }));
}
