import { auditBy, type UserActor } from "../auth/index.ts";
import { accessForUser, answerConsultation } from "../consultation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import { ConflictError, ValidationError } from "../platform/errors.ts";
import { fieldErrors } from "../platform/validation.ts";
import {
  getCaseByDiaryNumber,
  prepareDocument,
  type UploadedFile,
  writePreparedDocument,
} from "../registry/index.ts";
import { type FileInput, fileInputSchema, type ReceivedMail } from "./received-mail.model.ts";
import { getReceivedMail } from "./received-mail.service.ts";
import { fileQueued } from "./received-mail.store.ts";

/**
 * The registrar's one action on a queued message (issue 22, item 2): file it as a body's answer
 * (by the same rules as the personal link), as an incoming document of any open case, or as not
 * a public record with the reason. The message's row changes in the same transaction as the
 * registration, and only while it is queued: filing it twice is refused (409).
 */
export async function fileReceivedMail(
  ctx: Ctx,
  by: UserActor,
  id: string,
  input: unknown,
): Promise<ReceivedMail> {
  const mail = await getReceivedMail(ctx, id);
  const parsed = fileInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  if (mail.status !== "queued") throw alreadyFiled();
  const d = parsed.data;
  const now = ctx.clock.now();
  const filed = async (
    trx: Db,
    values: { status: FileInput["as"]; document_id?: string; not_public_reason?: string },
  ) => {
    if (!(await fileQueued(trx, id, { ...values, filed_at: now.toISOString(), filed_by: by.id })))
      throw alreadyFiled();
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: `mail_intake.file_${values.status}`,
      subjectType: "received_mail",
      subjectId: id,
      after: { ...values, from: mail.fromAddress, subject: mail.subject },
    });
  };

  if (d.as === "answer") {
    const file = await attachmentFile(ctx, mail, d.attachment, "attachment");
    const access = await accessForUser(ctx, by, d.recipientId);
    await answerConsultation(ctx, by, access, {}, file, (trx, doc) =>
      filed(trx, { status: "answer", document_id: doc.id }),
    );
  } else if (d.as === "document") {
    const c = await getCaseByDiaryNumber(ctx, d.diaryNumber).catch(() => {
      throw new ValidationError([{ field: "diaryNumber", message: "mail.case_unknown" }]);
    });
    const file =
      d.documentAttachment === undefined
        ? { fileName: "meddelande.txt", bytes: Buffer.from(messageAsText(mail), "utf8") }
        : await attachmentFile(ctx, mail, d.documentAttachment, "documentAttachment");
    const prepared = await prepareDocument(
      ctx,
      by,
      c.id,
      {
        direction: "incoming",
        date: stockholmDate(new Date(mail.receivedAt)),
        party: mail.fromName ?? mail.fromAddress ?? "",
        description: d.description,
      },
      file,
    );
    await ctx.db.transaction().execute(async (trx) => {
      const doc = await writePreparedDocument(ctx, trx, prepared);
      await filed(trx, { status: "document", document_id: doc.id });
    });
  } else {
    await ctx.db
      .transaction()
      .execute((trx) => filed(trx, { status: "not_public", not_public_reason: d.reason }));
  }
  return getReceivedMail(ctx, id);
}

const alreadyFiled = () =>
  new ConflictError("the message is already filed", [], [{ field: "", message: "mail.already_filed" }]);

async function attachmentFile(
  ctx: Ctx,
  mail: ReceivedMail,
  index: number,
  field: string,
): Promise<UploadedFile> {
  const a = mail.attachments[index];
  if (!a) throw new ValidationError([{ field, message: "mail.attachment_unknown" }]);
  return { fileName: a.fileName, bytes: await ctx.files.get(a.sha256) };
}

/** A message without a file to register is registered as its text, with who sent it and when. */
const messageAsText = (mail: ReceivedMail): string =>
  [
    `Från: ${mail.fromName ? `${mail.fromName} <${mail.fromAddress ?? ""}>` : (mail.fromAddress ?? "")}`,
    `Mottaget: ${mail.receivedAt}`,
    `Ämne: ${mail.subject}`,
    "",
    mail.bodyText,
  ].join("\n");
