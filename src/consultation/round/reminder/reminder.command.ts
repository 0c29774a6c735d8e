import { auditBy, type UserActor } from "../../../auth/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import type { Ctx } from "../../../platform/context.ts";
import { newId } from "../../../platform/ids.ts";
import type { Case } from "../../../registry/index.ts";
import { answerLinkUrl, linkLastDay, newAnswerLink } from "../answer-link.ts";
import { bodyOf, requireStep } from "../body-access.ts";
import type { Consultation, Recipient } from "../consultation.model.ts";
import { updateRecipient } from "../consultation.store.ts";
import { answerMailboxLines, bodyText, queueRoundMail, roundContact } from "../round-mail.ts";
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
  /** The deadline that applies to the body: its own after an extension. */
  deadline: string;
  /** The round's deadline, named beside an extension. */
  roundDeadline: string;
  extended: boolean;
  /** The last day the body's answer link works. */
  lastDay: string;
  /** The officer's name, e-mail and the round's contact line. */
  contact: string;
  /** The round's officer, whom replies reach. */
  officerId: string;
  kind: "before" | "after" | "manual";
  key: string;
}

/** What a reminder to one body says, from the round, its case and the body (the public title: bodies are not insiders). */
export const reminderTarget = (
  k: Consultation,
  c: Case,
  r: Recipient,
  contact: string,
  graceDays: number,
  due: { kind: ReminderTarget["kind"]; key: string },
): ReminderTarget => ({
  consultationId: k.id,
  caseId: c.id,
  diaryNumber: c.diaryNumber,
  title: publicRoundTitle(k, c),
  recipientId: r.id,
  body: r.name,
  email: r.email,
  deadline: r.deadline,
  roundDeadline: k.deadline,
  extended: r.extended,
  lastDay: linkLastDay(r.deadline, graceDays),
  contact,
  officerId: k.officerId,
  ...due,
});

/**
 * Sends one reminder exactly once: its row (unique per body and key) and its mail are written in
 * one transaction, and a process that finds the row already there sends nothing. With
 * PostgreSQL the second of two simultaneous inserts waits for the first and then does nothing.
 * The reminder is logged in the case's history. Returns whether this call sent it.
 *
 * The mail carries the body's personal link. Only a link's hash is stored, so the reminder
 * issues a new link in the same transaction; it replaces the one in earlier mails (the mail says
 * so), and the body's deadline and the officer's contact come with it.
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
    const link = newAnswerLink();
    await updateRecipient(trx, target.recipientId, { token_hash: link.hash });
    await queueRoundMail(trx, ctx.config, now, {
      to: target.email,
      diaryNumber: target.diaryNumber,
      subject: t("round.mail_reminder_subject", { title: target.title }),
      officerId: target.officerId,
      lines: [
        t(target.kind === "after" ? "round.mail_reminder_late" : "round.mail_reminder", {
          body: target.body,
          title: target.title,
          deadline: target.deadline,
        }),
        ...(target.extended
          ? [t("round.mail_reminder_extension", { until: target.deadline, deadline: target.roundDeadline })]
          : []),
        t("round.mail_reminder_link", {
          url: answerLinkUrl(ctx.config.publicUrl, link.secret),
          lastDay: target.lastDay,
        }),
        ...answerMailboxLines(ctx.config, target.diaryNumber),
        target.contact,
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
  const k = access.consultation;
  await sendReminder(
    ctx,
    by,
    reminderTarget(
      k,
      access.c,
      access.recipient,
      await roundContact(ctx, k),
      ctx.config.consultationGraceDays,
      {
        kind: "manual",
        key: `manual:${ctx.clock.now().toISOString()}`,
      },
    ),
  );
}
