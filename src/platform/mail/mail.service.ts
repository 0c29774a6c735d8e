import nodemailer, { type Transporter } from "nodemailer";
import type { Ctx } from "../context.ts";
import type { Db } from "../db/database.ts";
import { newId } from "../ids.ts";
import { startRepeatingJob } from "../repeating-job.ts";
import { claimMail, insertMail, markFailed, markSent } from "./mail.store.ts";

/** A file a message carries: its bytes stay in the blob store until the message is sent. */
export interface MailAttachment {
  fileName: string;
  sha256: string;
  mime: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  attachments?: MailAttachment[];
  /** Where a reply goes: the responsible officer, not the no-reply sender. */
  replyTo?: string | null;
}

/** Attempts before a message is marked failed: the waits (1, 2, 4 … 64 minutes) span about two hours. */
export const MAX_ATTEMPTS = 8;
/** The wait before attempt n + 1 after n failed ones: one minute, doubled each time. */
export const retryDelayMs = (failedAttempts: number): number => 60_000 * 2 ** Math.max(0, failedAttempts - 1);
/** A claim older than this is taken to belong to a process that died while sending. */
const CLAIM_MINUTES = 5;

/**
 * Puts a message in the outbox inside the caller's transaction: it is sent only if the
 * change that caused it commits (the outbox pattern), and the admin can always read it.
 */
export async function queueMail(trx: Db, tenantId: string, now: Date, mail: OutgoingMail): Promise<void> {
  await insertMail(trx, {
    id: newId(),
    tenant_id: tenantId,
    created_at: now.toISOString(),
    to_address: mail.to,
    subject: mail.subject,
    body_text: mail.text,
    status: "pending",
    attempts: 0,
    claimed_at: null,
    sent_at: null,
    last_error: null,
    attachments: mail.attachments?.length ? JSON.stringify(mail.attachments) : null,
    reply_to: mail.replyTo ?? null,
    next_attempt_at: null,
  });
}

/** The attachments of a queued message, their bytes read from the blob store. */
async function attachmentsOf(ctx: Ctx, stored: string | null) {
  const list: MailAttachment[] = stored ? JSON.parse(stored) : [];
  return Promise.all(
    list.map(async (a) => ({
      filename: a.fileName,
      contentType: a.mime,
      content: await ctx.files.get(a.sha256),
    })),
  );
}

/** An SMTP connection for the configured server, or null when mail only goes to the outbox. */
export function mailTransport(config: Ctx["config"]): Transporter | null {
  return config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
}

/** Sends what waits in the outbox over SMTP; returns how many messages were sent. */
export async function deliverPending(ctx: Ctx, smtp: Transporter, batch = 20): Promise<number> {
  const now = ctx.clock.now();
  const stale = new Date(now.getTime() - CLAIM_MINUTES * 60_000);
  const claimed = await claimMail(ctx.db, now.toISOString(), stale.toISOString(), batch);
  let sent = 0;
  // Sent outside any transaction: no database lock is held while talking to the SMTP server.
  for (const mail of claimed) {
    try {
      await smtp.sendMail({
        from: ctx.config.mailFrom,
        to: mail.to_address,
        ...(mail.reply_to ? { replyTo: mail.reply_to } : {}),
        subject: mail.subject,
        text: mail.body_text,
        attachments: await attachmentsOf(ctx, mail.attachments),
        // Every mail kansli sends is written by the system: auto-responders must not answer it (RFC 3834).
        headers: { "Auto-Submitted": "auto-generated" },
      });
      await markSent(ctx.db, mail.id, ctx.clock.now().toISOString());
      sent += 1;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      const retryAt = new Date(ctx.clock.now().getTime() + retryDelayMs(attempts));
      ctx.log.warn(
        { err: error, mailId: mail.id, attempts, ...(giveUp ? {} : { retryAt }) },
        giveUp ? "mail delivery failed for good" : "mail delivery failed",
      );
      await markFailed(ctx.db, mail.id, String(error), giveUp ? null : retryAt.toISOString());
    }
  }
  return sent;
}

/**
 * Delivers the outbox every few seconds while the server runs. Without an SMTP server
 * configured, mail stays in the outbox for the admin to read. Returns a stop function.
 */
export function startMailDelivery(ctx: Ctx, everyMs = 3000): () => void {
  const smtp = mailTransport(ctx.config);
  if (!smtp) return () => undefined;
  const stop = startRepeatingJob(ctx.log, {
    name: "mail delivery loop",
    everyMs,
    run: () => deliverPending(ctx, smtp),
  });
  return () => {
    stop();
    smtp.close();
  };
}
