import { findUserById } from "../../auth/index.ts";
import type { Config } from "../../config.ts";
import type { Ctx } from "../../platform/context.ts";
import type { Db } from "../../platform/db/database.ts";
import { translator } from "../../platform/i18n/index.ts";
import { queueMail } from "../../platform/mail/mail.service.ts";

/** Mail to consultation bodies is written in Swedish: they are the city's own and Swedish bodies. */
export const bodyText = translator("sv");

/**
 * Queues a mail about a consultation with the case's diary number first in the subject. A mail to
 * a body names the round's officer (`officerId`), whose address its replies go to.
 */
export async function queueRoundMail(
  trx: Db,
  config: Config,
  now: Date,
  mail: { to: string | null; diaryNumber: string; subject: string; lines: string[]; officerId?: string },
): Promise<void> {
  if (!mail.to) return;
  const officer = mail.officerId ? await findUserById(trx, config.tenantId, mail.officerId) : undefined;
  await queueMail(trx, config.tenantId, now, {
    to: mail.to,
    subject: `${mail.diaryNumber} ${mail.subject}`,
    text: `${mail.lines.join("\n\n")}\n`,
    replyTo: officer?.email ?? null,
  });
}

/**
 * The line of a missive or reminder that tells a body it may e-mail its answer to the registry's
 * mailbox with the diary number in the subject (the mail intake matches on both); none when no
 * answer mailbox is configured.
 */
export const answerMailboxLines = (config: Config, diaryNumber: string): string[] =>
  config.answerMailbox
    ? [bodyText("round.mail_answer_mailbox", { address: config.answerMailbox, number: diaryNumber })]
    : [];

/**
 * Whom a body contacts about a round, as its mails sign off: the responsible officer's name and
 * e-mail, and the round's contact line (where a telephone number is written).
 */
export async function roundContact(
  ctx: Ctx,
  k: { officerId: string; contact: string | null },
): Promise<string> {
  const officer = await findUserById(ctx.db, ctx.config.tenantId, k.officerId);
  return [
    bodyText("round.missiv_contact"),
    [officer?.display_name, officer?.email].filter(Boolean).join(", "),
    k.contact,
  ]
    .filter(Boolean)
    .join("\n");
}
