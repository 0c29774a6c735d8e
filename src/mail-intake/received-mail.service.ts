import { bodiesAwaitingAnswer, type MailBody } from "../consultation/index.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFoundError } from "../platform/errors.ts";
import { diaryNumbersIn, type ReceivedMail } from "./received-mail.model.ts";
import { findReceivedMail, receivedMailWithStatus } from "./received-mail.store.ts";

/** The most the queue page and API list at once; the registrar works from the oldest. */
const QUEUE_LIMIT = 200;

/** A received message by id (404 when it is not this tenant's). */
export async function getReceivedMail(ctx: Ctx, id: string): Promise<ReceivedMail> {
  const mail = await findReceivedMail(ctx.db, ctx.config.tenantId, id);
  if (!mail) throw new NotFoundError();
  return mail;
}

/** The received-mail queue, oldest first. */
export const mailQueue = (ctx: Ctx, limit = QUEUE_LIMIT): Promise<ReceivedMail[]> =>
  receivedMailWithStatus(ctx.db, ctx.config.tenantId, "queued", limit);

/** The bodies of the rounds out whose diary numbers the message names: whom it can be filed as an answer from. */
export async function bodiesNamedIn(ctx: Ctx, mail: ReceivedMail): Promise<MailBody[]> {
  const numbers = diaryNumbersIn(`${mail.subject}\n${mail.bodyText}`);
  return (await Promise.all(numbers.map((n) => bodiesAwaitingAnswer(ctx, n)))).flat();
}
