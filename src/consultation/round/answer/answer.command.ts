import { z } from "zod";
import type { UserActor } from "../../../auth/actor.ts";
import { auditBy } from "../../../auth/audit-actor.ts";
import { toActor } from "../../../auth/sessions.service.ts";
import { findUserById } from "../../../auth/users.store.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { isWorkingDay, nextWorkingDay } from "../../../platform/calendar/swedish-days.ts";
import { stockholmDate } from "../../../platform/clock.ts";
import type { Ctx } from "../../../platform/context.ts";
import type { Db } from "../../../platform/db/database.ts";
import { ConflictError, type FieldError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { blankToUndefined, fieldErrors } from "../../../platform/validation.ts";
import { type UploadedFile, writePreparedDocument } from "../../../registry/documents.service.ts";
import type { BodyAccess } from "../body-access.ts";
import { type RecipientAction, recipientActions } from "../consultation.model.ts";
import { publicRoundTitle, roundTitleFor } from "../reader-view.ts";
import { prepareRoundDocument } from "../round-documents.ts";
import { bodyText, queueRoundMail } from "../round-mail.ts";

/** Who takes a step for a body: a signed-in user, or whoever holds the body's personal link. */
export type Answerer = UserActor | "link";

const ANSWER_EXTENSIONS = /\.(docx|pdf|odt)$/i;

/** The hold that keeps a round's answers out of the public register until the round closes. */
export const publicHoldOf = (consultationId: string) => `consultation:${consultationId}`;

/** Refuses a step the body's state does not allow, naming the ones it does (409). */
export function requireStep(access: BodyAccess, step: RecipientAction): void {
  const allowed = recipientActions(access.consultation.status, access.recipient.state);
  if (allowed.includes(step)) return;
  const reason =
    access.consultation.status === "closed"
      ? "round.closed"
      : access.recipient.answeredOn
        ? "round.already_answered"
        : access.recipient.declinedOn
          ? "round.already_declined"
          : "round.step_not_allowed";
  throw new ConflictError(
    `${step} is not allowed for this body now`,
    [...allowed],
    [{ field: "", message: reason }],
  );
}

const by = (who: Answerer) => (who === "link" ? "system" : who);
const audited = (who: Answerer) => auditBy(by(who));
const via = (who: Answerer) => (who === "link" ? "link" : "user");

/**
 * Marks the body as having taken its step, in the transaction: only while the round is out and
 * the body has neither answered nor declined, so a second answer (or a race) changes nothing.
 */
async function claimStep(
  trx: Db,
  recipientId: string,
  values: {
    answered_on?: string;
    answer_document_id?: string;
    declined_on?: string;
    decline_comment?: string;
  },
) {
  const result = await trx
    .updateTable("consultation_recipients")
    .set(values)
    .where("id", "=", recipientId)
    .where("answered_on", "is", null)
    .where("declined_on", "is", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("consultations")
          .select("consultations.id")
          .whereRef("consultations.id", "=", "consultation_recipients.consultation_id")
          .where("consultations.status", "=", "sent"),
      ),
    )
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1)
    throw new ConflictError(
      "the body has already answered or the round has closed",
      [],
      [{ field: "", message: "round.already_answered" }],
    );
}

export const answerInputSchema = z.strictObject({
  text: z.preprocess(blankToUndefined, z.string().trim().max(100_000).optional()),
});

/**
 * Registers a body's answer as an incoming document of the case (R3: arrival date today),
 * linked to the body: an uploaded Word, PDF or ODT file, or the text of the form written to a
 * Word file. The body gets a receipt by e-mail; the answer stays out of the public register
 * until the round closes.
 */
export async function answerConsultation(
  ctx: Ctx,
  who: Answerer,
  access: BodyAccess,
  input: unknown,
  file: UploadedFile | null,
) {
  requireStep(access, "answer");
  const parsed = answerInputSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const text = parsed.success ? parsed.data.text : undefined;
  if (file && !ANSWER_EXTENSIONS.test(file.fileName))
    errors.push({ field: "file", message: "round.answer_file_type" });
  if (file && text) errors.push({ field: "text", message: "round.answer_one_way" });
  if (!file && !text && parsed.success) errors.push({ field: "file", message: "round.answer_required" });
  if (errors.length > 0) throw new ValidationError(errors);

  const { consultation: k, recipient: r, diaryNumber } = access;
  const t = bodyText;
  // The registered description and the body's receipt: the title as the public register shows it.
  const title = publicRoundTitle(k, access.c);
  const description = t("round.answer_description", { body: r.name, title, number: diaryNumber });
  const prepared = await prepareRoundDocument(ctx, by(who), k.caseId, {
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
      lines: [t("round.mail_receipt", { body: r.name, title, date: today, number: diaryNumber })],
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...audited(who),
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
    return doc;
  });
}

export const declineInputSchema = z.strictObject({
  comment: z
    .string({ error: "round.comment_required" })
    .trim()
    .min(1, { error: "round.comment_required" })
    .max(5000),
});

/** A body declines to answer (avstår) with a comment, registered as an incoming document. */
export async function declineConsultation(ctx: Ctx, who: Answerer, access: BodyAccess, input: unknown) {
  requireStep(access, "decline");
  const parsed = declineInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  const { consultation: k, recipient: r, diaryNumber } = access;
  const t = bodyText;
  const title = publicRoundTitle(k, access.c);
  const description = t("round.decline_description", { body: r.name, title, number: diaryNumber });
  const prepared = await prepareRoundDocument(ctx, by(who), k.caseId, {
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
      lines: [t("round.mail_decline_receipt", { body: r.name, title, date: today })],
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...audited(who),
      action: "consultation.decline",
      subjectType: "consultation",
      subjectId: k.id,
      after: { recipientId: r.id, body: r.name, via: via(who), declinedOn: today },
    });
  });
}

export const extensionRequestSchema = z.strictObject({
  until: z.iso.date({ error: "round.until_format" }),
  reason: z
    .string({ error: "round.reason_required" })
    .trim()
    .min(1, { error: "round.reason_required" })
    .max(5000),
});

/** A later date must be a working day after the body's current deadline. */
export function laterDeadlineErrors(until: string, current: string): FieldError[] {
  if (until <= current)
    return [{ field: "until", message: "round.until_after_deadline", params: { deadline: current } }];
  if (!isWorkingDay(until))
    return [
      {
        field: "until",
        message: "consultation.deadline_not_working_day",
        params: { next: nextWorkingDay(until) },
      },
    ];
  return [];
}

/** A body asks for more time with a reason: registered as an incoming document, the officer is told. */
export async function requestExtension(ctx: Ctx, who: Answerer, access: BodyAccess, input: unknown) {
  requireStep(access, "ask_extension");
  const parsed = extensionRequestSchema.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  // The date is checked against the deadline even when the reason is missing: every error at once.
  const until = extensionRequestSchema.shape.until.safeParse((input as { until?: unknown } | null)?.until);
  if (until.success) errors.push(...laterDeadlineErrors(until.data, access.recipient.deadline));
  if (!parsed.success || errors.length > 0) throw new ValidationError(errors);
  const { consultation: k, recipient: r, diaryNumber } = access;
  const t = bodyText;
  const description = t("round.extension_request_description", {
    body: r.name,
    until: parsed.data.until,
    number: diaryNumber,
  });
  const prepared = await prepareRoundDocument(ctx, by(who), k.caseId, {
    direction: "incoming",
    party: r.name,
    description,
    documentType: "anstandsbegaran",
    file: {
      fileName: "anstandsbegaran.docx",
      title: description,
      blocks: [{ paragraph: parsed.data.reason }],
    },
  });
  const officerRow = await findUserById(ctx.db, ctx.config.tenantId, k.officerId);
  // The officer's mail names the round as the officer may see it.
  const officer = officerRow ? toActor(officerRow, "session", null) : null;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const doc = await writePreparedDocument(ctx, trx, prepared);
    await trx
      .insertInto("consultation_extensions")
      .values({
        id: newId(),
        recipient_id: r.id,
        requested_until: parsed.data.until,
        reason: parsed.data.reason,
        requested_at: now.toISOString(),
        status: "requested",
        granted_until: null,
        decision_comment: null,
        decided_at: null,
        decided_by: null,
        request_document_id: doc.id,
        decision_document_id: null,
      })
      .execute();
    await queueRoundMail(trx, ctx.config, now, {
      to: officerRow?.email ?? null,
      diaryNumber,
      subject: t("round.mail_extension_asked_subject", { body: r.name }),
      lines: [
        t("round.mail_extension_asked", {
          body: r.name,
          until: parsed.data.until,
          title: roundTitleFor(officer, k, access.c),
        }),
        parsed.data.reason,
      ],
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...audited(who),
      action: "consultation.extension_request",
      subjectType: "consultation",
      subjectId: k.id,
      after: { recipientId: r.id, body: r.name, via: via(who), until: parsed.data.until },
    });
  });
}
