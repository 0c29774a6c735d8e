import type { Ctx } from "../../../platform/context.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { RegistryDocument, UploadedFile } from "../../../registry/index.ts";
import { accessByMail } from "../body-access.ts";
import { requestExtension } from "../extension/extension.command.ts";
import { answerConsultation } from "./answer.command.ts";
import { sentBodiesOfCase } from "./answer.store.ts";

/** A body a round is out to, as the mailbox matches a sender against it. */
export interface MailBody {
  consultationId: string;
  recipientId: string;
  name: string;
  /** Every address the body is registered with, lower-cased. */
  addresses: string[];
}

/** The bodies of the rounds out in the case with this diary number (none when no round of it is out). */
export async function bodiesAwaitingAnswer(ctx: Ctx, diaryNumber: string): Promise<MailBody[]> {
  const rows = await sentBodiesOfCase(ctx.db, ctx.config.tenantId, diaryNumber);
  return rows.map((r) => ({
    consultationId: r.consultation_id,
    recipientId: r.id,
    name: r.unit_name ?? r.external_name ?? "",
    addresses: [r.external_email, r.functional_mailbox, r.email]
      .filter((a): a is string => Boolean(a))
      .map((a) => a.trim().toLowerCase()),
  }));
}

/**
 * Registers a file e-mailed by a body as its answer, by the personal link's rules (late answers
 * flagged on the board, a second answer or a closed round refused with 409, the usual receipt).
 */
export async function answerByMail(
  ctx: Ctx,
  consultationId: string,
  recipientId: string,
  file: UploadedFile,
  alsoInTransaction: (trx: Db, doc: RegistryDocument) => Promise<void>,
): Promise<RegistryDocument> {
  const access = await accessByMail(ctx, consultationId, recipientId);
  return answerConsultation(ctx, "mail", access, {}, file, alsoInTransaction);
}

/**
 * Registers a body's e-mailed request for more time, by the same rules as the link's form (a
 * later working day than the body's deadline, a round still out): 422 or 409 when they refuse it.
 */
export async function extensionByMail(
  ctx: Ctx,
  consultationId: string,
  recipientId: string,
  request: { until: string; reason: string },
  alsoInTransaction: (trx: Db, doc: RegistryDocument) => Promise<void>,
): Promise<void> {
  const access = await accessByMail(ctx, consultationId, recipientId);
  await requestExtension(ctx, "mail", access, request, alsoInTransaction);
}
