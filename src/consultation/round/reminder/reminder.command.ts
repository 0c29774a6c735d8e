import { auditBy, type UserActor } from "../../../auth/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import type { Ctx } from "../../../platform/context.ts";
import { newId } from "../../../platform/ids.ts";
import { bodyOf, requireStep } from "../body-access.ts";
import { bodyText, queueRoundMail } from "../round-mail.ts";
import { publicRoundTitle } from "../round-title.ts";
import { insertReminderOnce } from "./reminder.store.ts";

export interface ReminderTarget {
  consultationId: string;
  caseId: string;
  diaryNumber: string;
  title: string;
  recipientId: string;
  body: string;
  email: string | null;
  deadline: string;
  kind: "before" | "after" | "manual";
  key: string;
}

/**
 * Sends one reminder exactly once: its row (unique per body and key) and its mail are written in
 * one transaction, and a process that finds the row already there sends nothing. With
 * PostgreSQL the second of two simultaneous inserts waits for the first and then does nothing.
 * The reminder is logged in the case's history. Returns whether this call sent it.
 */
export async function sendReminder(
  ctx: Ctx,
  by: UserActor | "system",
  target: ReminderTarget,
): Promise<boolean> {
  const now = ctx.clock.now();
  const t = bodyText;
  return ctx.db.transaction().execute(async (trx) => {
    const inserted = await insertReminderOnce(trx, {
      id: newId(),
      recipient_id: target.recipientId,
      reminder_key: target.key,
      kind: target.kind,
      deadline: target.deadline,
      sent_at: now.toISOString(),
      sent_by: by === "system" ? null : by.id,
    });
    if (!inserted) return false;
    await queueRoundMail(trx, ctx.config, now, {
      to: target.email,
      diaryNumber: target.diaryNumber,
      subject: t("round.mail_reminder_subject", { title: target.title }),
      lines: [
        t(target.kind === "after" ? "round.mail_reminder_late" : "round.mail_reminder", {
          body: target.body,
          title: target.title,
          deadline: target.deadline,
        }),
      ],
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.reminder",
      subjectType: "case",
      subjectId: target.caseId,
      after: {
        consultationId: target.consultationId,
        recipientId: target.recipientId,
        body: target.body,
        kind: target.kind,
        deadline: target.deadline,
      },
    });
    return true;
  });
}

/** The officer's manual reminder to one body that has not answered. */
export async function remindBody(ctx: Ctx, by: UserActor, consultationId: string, recipientId: string) {
  const access = await bodyOf(ctx, by, consultationId, recipientId);
  requireStep(access, "remind");
  const c = access.c;
  await sendReminder(ctx, by, {
    consultationId,
    caseId: c.id,
    diaryNumber: c.diaryNumber,
    title: publicRoundTitle(access.consultation, c),
    recipientId,
    body: access.recipient.name,
    email: access.recipient.email,
    deadline: access.recipient.deadline,
    kind: "manual",
    key: `manual:${ctx.clock.now().toISOString()}`,
  });
}
