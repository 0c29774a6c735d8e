import { auditBy } from "../../../auth/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import type { Db } from "../../../platform/db/database.ts";
import { ConflictError, type FieldError, ValidationError } from "../../../platform/errors.ts";
import { fieldErrors } from "../../../platform/validation.ts";
import { type RegistryDocument, type UploadedFile, writePreparedDocument } from "../../../registry/index.ts";
import { type Answerer, actingAs, type BodyAccess, requireStep, via } from "../body-access.ts";
import { publicHoldOf } from "../close/close.rules.ts";
import { updateRecipient } from "../consultation.store.ts";
import { prepareRoundDocument } from "../round-documents.ts";
import { bodyText, queueRoundMail } from "../round-mail.ts";
import { publicRoundTitle } from "../round-title.ts";
import { answerFileErrors, answerInputSchema, declineInputSchema } from "./answer.rules.ts";
import { claimBodyStep } from "./answer.store.ts";

/** The first time a body opens its answer page is recorded: the board shows it as opened. */
export async function markOpened(ctx: Ctx, access: BodyAccess): Promise<void> {
  if (access.recipient.openedAt || access.consultation.status !== "sent") return;
  await updateRecipient(ctx.db, access.recipient.id, { opened_at: ctx.clock.now().toISOString() });
}

/** Takes the body's answer or decline in the transaction, or refuses (409) when it has already replied or the round has closed. */
async function claimStep(trx: Db, recipientId: string, values: Parameters<typeof claimBodyStep>[2]) {
  if (!(await claimBodyStep(trx, recipientId, values)))
    throw new ConflictError(
      "the body has already answered or the round has closed",
      [],
      [{ field: "", message: "round.already_answered" }],
    );
}

/**
 * Registers a body's answer as an incoming document of the case (R3: arrival date today),
 * linked to the body: an uploaded Word, PDF or ODT file, or the text of the form written to a
 * Word file. The body gets a receipt by e-mail; the answer stays out of the public register
 * until the round closes. `alsoInTransaction` lets the caller record its own side of the step
 * (the mail intake: the message filed as this answer) in the same transaction.
 */
export async function answerConsultation(
  ctx: Ctx,
  who: Answerer,
  access: BodyAccess,
  input: unknown,
  file: UploadedFile | null,
  alsoInTransaction?: (trx: Db, doc: RegistryDocument) => Promise<void>,
) {
  requireStep(access, "answer");
  const parsed = answerInputSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const text = parsed.success ? parsed.data.text : undefined;
  errors.push(...answerFileErrors(file, text, parsed.success));
  if (errors.length > 0) throw new ValidationError(errors);

  const { consultation: k, recipient: r, diaryNumber } = access;
  const t = bodyText;
  // The registered description and the body's receipt: the title as the public register shows it.
  const title = publicRoundTitle(k, access.c);
  const description = t("round.answer_description", { body: r.name, title, number: diaryNumber });
  const prepared = await prepareRoundDocument(ctx, actingAs(who), k.caseId, {
    direction: "incoming",
    party: r.name,
    description,
    documentType: "remissvar",
    file: file ?? { fileName: "remissvar.docx", title: description, blocks: [{ paragraph: text ?? "" }] },
    publicHold: publicHoldOf(k.id),
  });
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  return ctx.db.transaction().execute(async (trx) => {
    await claimStep(trx, r.id, { answered_on: today, answer_document_id: prepared.row.id });
    const doc = await writePreparedDocument(ctx, trx, prepared);
    await queueRoundMail(trx, ctx.config, now, {
      to: r.email,
      diaryNumber,
      subject: t("round.mail_receipt_subject", { title }),
      officerId: k.officerId,
      lines: [t("round.mail_receipt", { body: r.name, title, date: today, number: diaryNumber })],
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(actingAs(who)),
      action: "consultation.answer",
      subjectType: "consultation",
      subjectId: k.id,
      after: {
        recipientId: r.id,
        body: r.name,
        via: via(who),
        documentId: doc.id,
        answeredOn: today,
        deadline: r.deadline,
      },
    });
    await alsoInTransaction?.(trx, doc);
    return doc;
  });
}

/** A body declines to answer (avstår) with a comment, registered as an incoming document. */
export async function declineConsultation(ctx: Ctx, who: Answerer, access: BodyAccess, input: unknown) {
  requireStep(access, "decline");
  const parsed = declineInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  const { consultation: k, recipient: r, diaryNumber } = access;
  const t = bodyText;
  const title = publicRoundTitle(k, access.c);
  const description = t("round.decline_description", { body: r.name, title, number: diaryNumber });
  const prepared = await prepareRoundDocument(ctx, actingAs(who), k.caseId, {
    direction: "incoming",
    party: r.name,
    description,
    documentType: "remissvar",
    file: { fileName: "avstar.docx", title: description, blocks: [{ paragraph: parsed.data.comment }] },
    publicHold: publicHoldOf(k.id),
  });
  const now = ctx.clock.now();
  const today = stockholmDate(now);
  await ctx.db.transaction().execute(async (trx) => {
    await claimStep(trx, r.id, { declined_on: today, decline_comment: parsed.data.comment });
    await writePreparedDocument(ctx, trx, prepared);
    await queueRoundMail(trx, ctx.config, now, {
      to: r.email,
      diaryNumber,
      subject: t("round.mail_receipt_subject", { title }),
      officerId: k.officerId,
      lines: [t("round.mail_decline_receipt", { body: r.name, title, date: today })],
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(actingAs(who)),
      action: "consultation.decline",
      subjectType: "consultation",
      subjectId: k.id,
      after: { recipientId: r.id, body: r.name, via: via(who), declinedOn: today },
    });
  });
}
