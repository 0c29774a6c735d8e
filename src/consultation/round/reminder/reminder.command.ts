import type { UserActor } from "../../../auth/actor.ts";
import { auditBy } from "../../../auth/audit-actor.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../../platform/clock.ts";
import type { Ctx } from "../../../platform/context.ts";
import { newId } from "../../../platform/ids.ts";
import { startRepeatingJob } from "../../../platform/repeating-job.ts";
import { getCase } from "../../../registry/cases.service.ts";
import { linkLastDay } from "../answer-link.ts";
import { closeConsultation } from "../close/close.command.ts";
import { allRecipients, getConsultation } from "../draft/draft.command.ts";
import { publicRoundTitle } from "../reader-view.ts";
import { bodyText, queueRoundMail } from "../round-mail.ts";
import { dueReminders } from "./reminder.rules.ts";

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
    const inserted = await trx
      .insertInto("consultation_reminders")
      .values({
        id: newId(),
        recipient_id: target.recipientId,
        reminder_key: target.key,
        kind: target.kind,
        deadline: target.deadline,
        sent_at: now.toISOString(),
        sent_by: by === "system" ? null : by.id,
      })
      .onConflict((oc) => oc.columns(["recipient_id", "reminder_key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
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

/** States in which a body is still expected to answer and so is reminded. */
const REMINDED = new Set(["sent", "opened", "extension_granted", "no_answer"]);

/**
 * One pass of the reminder worker: sends every reminder due today and closes the rounds whose
 * last deadline plus the grace days have passed. Safe to run in several processes at once.
 */
export async function runDueReminders(ctx: Ctx): Promise<{ sent: number; closed: number }> {
  const today = stockholmDate(ctx.clock.now());
  const open = await ctx.db
    .selectFrom("consultations")
    .select("id")
    .where("tenant_id", "=", ctx.config.tenantId)
    .where("status", "=", "sent")
    .execute();
  let sent = 0;
  let closed = 0;
  for (const { id } of open) {
    const k = await getConsultation(ctx, id);
    const c = await getCase(ctx, k.caseId);
    const recipients = allRecipients(k);
    // ISO dates sort as text: the last of the round's deadlines, extensions included.
    const lastDeadline = [k.deadline, ...recipients.map((r) => r.deadline)].sort().at(-1) ?? k.deadline;
    if (today > linkLastDay(lastDeadline, ctx.config.consultationGraceDays)) {
      if (await closeConsultation(ctx, "system", id)) closed += 1;
      continue;
    }
    for (const r of recipients.filter((x) => REMINDED.has(x.state))) {
      for (const due of dueReminders(
        today,
        r.deadline,
        ctx.config.reminderDaysBefore,
        ctx.config.reminderDaysAfter,
      )) {
        const target = {
          consultationId: id,
          caseId: c.id,
          diaryNumber: c.diaryNumber,
          title: publicRoundTitle(k, c),
          recipientId: r.id,
          body: r.name,
          email: r.email,
          deadline: r.deadline,
          ...due,
        };
        if (await sendReminder(ctx, "system", target)) sent += 1;
      }
    }
  }
  return { sent, closed };
}

/** Runs the reminder worker now and then every `everyMs` while the server runs; returns a stop function. */
export function startReminderWorker(ctx: Ctx, everyMs = 15 * 60_000): () => void {
  return startRepeatingJob(ctx.log, {
    name: "consultation reminder worker",
    everyMs,
    runAtStart: true,
    run: async () => {
      const r = await runDueReminders(ctx);
      if (r.sent + r.closed > 0) ctx.log.info(r, "consultation reminders");
    },
  });
}
