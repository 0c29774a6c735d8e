import { stockholmDate } from "../platform/clock.ts";
import type { Ctx } from "../platform/context.ts";
import { type RecipientState, type SendState, trackingState } from "./consultations.model.ts";

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
  const rows = await ctx.db
    .selectFrom("consultation_recipients as r")
    .innerJoin("consultations as k", "k.id", "r.consultation_id")
    .innerJoin("cases as c", "c.id", "k.case_id")
    .select([
      "r.id",
      "r.consultation_id",
      "r.state",
      "r.opened_at",
      "r.answered_on",
      "r.declined_on",
      "r.deadline as own_deadline",
      "r.sent_at",
      "k.title",
      "k.deadline",
      "c.diary_number",
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("consultation_extensions as x")
            .select("x.id")
            .whereRef("x.recipient_id", "=", "r.id")
            .where("x.status", "=", "requested"),
        )
        .as("extension_asked"),
    )
    .where("k.tenant_id", "=", ctx.config.tenantId)
    .where("r.unit_id", "=", unitId)
    .where("r.state", "=", "sent")
    .orderBy("r.sent_at", "desc")
    .limit(INBOX_LIMIT)
    .execute();
  const today = stockholmDate(ctx.clock.now());
  return rows.map((r) => ({
    recipientId: r.id,
    consultationId: r.consultation_id,
    title: r.title,
    diaryNumber: r.diary_number,
    deadline: r.own_deadline ?? r.deadline,
    state: trackingState(
      {
        sendState: r.state as SendState,
        openedAt: r.opened_at,
        answeredOn: r.answered_on,
        declinedOn: r.declined_on,
        ownDeadline: r.own_deadline,
        extensionAsked: Boolean(r.extension_asked),
      },
      r.deadline,
      today,
    ),
  }));
}
