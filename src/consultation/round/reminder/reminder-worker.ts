import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import { reminderMails, reminderRuns } from "../../../platform/metrics.ts";
import { startRepeatingJob } from "../../../platform/repeating-job.ts";
import { getCase } from "../../../registry/index.ts";
import { closeConsultation } from "../close/close.command.ts";
import { lastAnsweringDay } from "../close/close.rules.ts";
import { allRecipients, getConsultation } from "../consultation.service.ts";
import { roundContact } from "../round-mail.ts";
import { reminderTarget, sendReminder } from "./reminder.command.ts";
import { dueReminders, isReminded } from "./reminder.rules.ts";
import { roundsOut } from "./reminder.store.ts";

/**
 * One pass of the reminder worker: sends every reminder due today and closes the rounds whose
 * last deadline plus the grace days have passed. Safe to run in several processes at once.
 */
export async function runDueReminders(ctx: Ctx): Promise<{ sent: number; closed: number }> {
  const today = stockholmDate(ctx.clock.now());
  let sent = 0;
  let closed = 0;
  for (const id of await roundsOut(ctx.db, ctx.config.tenantId)) {
    const k = await getConsultation(ctx, id);
    const c = await getCase(ctx, k.caseId);
    const recipients = allRecipients(k);
    const lastDay = lastAnsweringDay(
      k.deadline,
      recipients.map((r) => r.deadline),
      ctx.config.consultationGraceDays,
    );
    if (today > lastDay) {
      if (await closeConsultation(ctx, "system", id)) closed += 1;
      continue;
    }
    const contact = await roundContact(ctx, k);
    for (const r of recipients.filter((x) => isReminded(x.state))) {
      for (const due of dueReminders(
        today,
        r.deadline,
        ctx.config.reminderDaysBefore,
        ctx.config.reminderDaysAfter,
      )) {
        const target = reminderTarget(k, c, r, contact, ctx.config.consultationGraceDays, due);
        if (await sendReminder(ctx, "system", target)) sent += 1;
      }
    }
  }
  return { sent, closed };
}

/**
 * Runs the reminder worker now and then every `KANSLI_REMINDER_EVERY_SECONDS` while the server
 * runs; returns a stop function.
 */
export function startReminderWorker(ctx: Ctx, everyMs = ctx.config.reminderEverySeconds * 1000): () => void {
  return startRepeatingJob(ctx.log, {
    name: "consultation reminder worker",
    everyMs,
    runAtStart: true,
    run: async () => {
      const r = await runDueReminders(ctx);
      reminderRuns.inc();
      reminderMails.inc(r.sent);
      if (r.sent + r.closed > 0) ctx.log.info(r, "consultation reminders");
    },
  });
}
