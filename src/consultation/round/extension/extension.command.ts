import { z } from "zod";
import type { UserActor } from "../../../auth/actor.ts";
import { auditBy } from "../../../auth/audit-actor.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import type { Ctx } from "../../../platform/context.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors.ts";
import { blankToUndefined, fieldErrors } from "../../../platform/validation.ts";
import { writePreparedDocument } from "../../../registry/documents.service.ts";
import { laterDeadlineErrors, requireStep } from "../answer/answer.command.ts";
import { linkLastDay } from "../answer-link.ts";
import { accessForUser, type BodyAccess } from "../body-access.ts";
import { POSITIONS } from "../consultation.model.ts";
import { publicRoundTitle, requireRoundManagerOf } from "../reader-view.ts";
import { sendReminder } from "../reminder/reminder.command.ts";
import { prepareRoundDocument } from "../round-documents.ts";
import { bodyText, queueRoundMail } from "../round-mail.ts";

/**
 * The officer's steps for one body of a consultation: the body must belong to that consultation,
 * and the user must run the rounds of its case (403 otherwise, before anything is read or written).
 */
export async function bodyOf(
  ctx: Ctx,
  by: UserActor,
  consultationId: string,
  recipientId: string,
): Promise<BodyAccess> {
  const access = await accessForUser(ctx, by, recipientId);
  if (access.consultation.id !== consultationId) throw new NotFoundError();
  requireRoundManagerOf(by, access.c);
  return access;
}

export const extensionDecisionSchema = z.strictObject({
  decision: z.enum(["grant", "refuse"], { error: "round.decision_required" }),
  until: z.preprocess(blankToUndefined, z.iso.date({ error: "round.until_format" }).optional()),
  comment: z.preprocess(blankToUndefined, z.string().trim().max(5000).optional()),
});

/**
 * Grants a body more time (its own new deadline; the consultation's stays) or refuses, with a
 * reason. Either way the decision is registered as an outgoing document and mailed to the body.
 */
export async function decideExtension(
  ctx: Ctx,
  by: UserActor,
  consultationId: string,
  recipientId: string,
  input: unknown,
) {
  const access = await bodyOf(ctx, by, consultationId, recipientId);
  requireStep(access, "decide_extension");
  const request = await ctx.db
    .selectFrom("consultation_extensions")
    .selectAll()
    .where("recipient_id", "=", recipientId)
    .where("status", "=", "requested")
    .executeTakeFirstOrThrow();
  const parsed = extensionDecisionSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  const d = parsed.data;
  const granted = d.decision === "grant";
  const until = d.until ?? request.requested_until;
  const errors = granted ? laterDeadlineErrors(until, access.recipient.deadline) : [];
  if (!granted && !d.comment) errors.push({ field: "comment", message: "round.refusal_reason_required" });
  if (errors.length > 0) throw new ValidationError(errors);

  const { consultation: k, recipient: r, diaryNumber } = access;
  const t = bodyText;
  // The letter and the mail go to the body: the round's title as the public register shows it.
  const title = publicRoundTitle(k, access.c);
  const description = granted
    ? t("round.extension_granted_description", { body: r.name, until, number: diaryNumber })
    : t("round.extension_refused_description", { body: r.name, number: diaryNumber });
  const letter = [
    granted
      ? t("round.extension_granted_letter", { body: r.name, title, until, deadline: k.deadline })
      : t("round.extension_refused_letter", { body: r.name, title, deadline: r.deadline }),
    ...(d.comment ? [d.comment] : []),
  ];
  const prepared = await prepareRoundDocument(ctx, by, k.caseId, {
    direction: "outgoing",
    party: r.name,
    description,
    documentType: "anstandsbeslut",
    file: {
      fileName: "anstandsbeslut.docx",
      title: description,
      blocks: letter.map((paragraph) => ({ paragraph })),
    },
  });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await writePreparedDocument(ctx, trx, prepared);
    const decided = await trx
      .updateTable("consultation_extensions")
      .set({
        status: granted ? "granted" : "refused",
        granted_until: granted ? until : null,
        decision_comment: d.comment ?? null,
        decided_at: now.toISOString(),
        decided_by: by.id,
        decision_document_id: prepared.row.id,
      })
      .where("id", "=", request.id)
      .where("status", "=", "requested")
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1)
      throw new ConflictError(
        "the request was decided meanwhile",
        [],
        [{ field: "", message: "round.step_not_allowed" }],
      );
    if (granted)
      await trx
        .updateTable("consultation_recipients")
        .set({ deadline: until, link_expires_at: linkLastDay(until, ctx.config.consultationGraceDays) })
        .where("id", "=", r.id)
        .execute();
    await queueRoundMail(trx, ctx.config, now, {
      to: r.email,
      diaryNumber,
      subject: t("round.mail_extension_decided_subject", { title }),
      lines: letter,
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: granted ? "consultation.extension_grant" : "consultation.extension_refuse",
      subjectType: "consultation",
      subjectId: k.id,
      after: { recipientId: r.id, body: r.name, until: granted ? until : null, comment: d.comment ?? null },
    });
  });
}

/** The officer's manual reminder to one body that has not answered. */
export async function remindBody(ctx: Ctx, by: UserActor, consultationId: string, recipientId: string) {
  const access = await bodyOf(ctx, by, consultationId, recipientId);
  requireStep(access, "remind");
  const c = access.c;
  await sendReminder(ctx, by, {
    consultationId,
    caseId: c.id,
    diaryNumber: c.diaryNumber,
    title: publicRoundTitle(access.consultation, c),
    recipientId,
    body: access.recipient.name,
    email: access.recipient.email,
    deadline: access.recipient.deadline,
    kind: "manual",
    key: `manual:${ctx.clock.now().toISOString()}`,
  });
}

export const assessmentSchema = z.strictObject({
  summary: z.preprocess(blankToUndefined, z.string().trim().max(5000).optional()),
  position: z.enum(POSITIONS, { error: "round.position_required" }),
});

/** The officer's summary of an answer and the body's position, for the compilation. */
export async function assessAnswer(
  ctx: Ctx,
  by: UserActor,
  consultationId: string,
  recipientId: string,
  input: unknown,
) {
  const access = await bodyOf(ctx, by, consultationId, recipientId);
  requireStep(access, "assess");
  const parsed = assessmentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("consultation_recipients")
      .set({ summary: parsed.data.summary ?? null, position: parsed.data.position })
      .where("id", "=", recipientId)
      .execute();
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.assess",
      subjectType: "consultation",
      subjectId: consultationId,
      before: { summary: access.recipient.summary, position: access.recipient.position },
      after: { recipientId, summary: parsed.data.summary ?? null, position: parsed.data.position },
    });
  });
}
