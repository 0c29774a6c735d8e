import { auditBy, findUserById, toActor, type UserActor } from "../../../auth/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import type { Db } from "../../../platform/db/database.ts";
import { ConflictError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { fieldErrors } from "../../../platform/validation.ts";
import { type RegistryDocument, writePreparedDocument } from "../../../registry/index.ts";
import { linkLastDay } from "../answer-link.ts";
import { type Answerer, actingAs, type BodyAccess, bodyOf, requireStep, via } from "../body-access.ts";
import { prepareRoundDocument } from "../round-documents.ts";
import { roundLetterhead } from "../round-letterhead.ts";
import { bodyText, queueRoundMail } from "../round-mail.ts";
import { publicRoundTitle, roundTitleFor } from "../round-title.ts";
import {
  extensionDecisionSchema,
  extensionRequestSchema,
  laterDeadlineErrors,
  refusalErrors,
} from "./extension.rules.ts";
import {
  decideExtensionRequest,
  insertExtensionRequest,
  openExtensionRequest,
  setOwnDeadline,
} from "./extension.store.ts";

/**
 * A body asks for more time with a reason: registered as an incoming document, the officer is
 * told. `alsoInTransaction` writes what the caller records with it (the mail that asked).
 */
export async function requestExtension(
  ctx: Ctx,
  who: Answerer,
  access: BodyAccess,
  input: unknown,
  alsoInTransaction?: (trx: Db, doc: RegistryDocument) => Promise<void>,
) {
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
  const prepared = await prepareRoundDocument(ctx, actingAs(who), k.caseId, {
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
    await insertExtensionRequest(trx, {
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
    });
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
      ...auditBy(actingAs(who)),
      action: "consultation.extension_request",
      subjectType: "consultation",
      subjectId: k.id,
      after: { recipientId: r.id, body: r.name, via: via(who), until: parsed.data.until },
    });
    await alsoInTransaction?.(trx, doc);
  });
}

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
  const request = await openExtensionRequest(ctx.db, recipientId);
  const parsed = extensionDecisionSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  const d = parsed.data;
  const granted = d.decision === "grant";
  const until = d.until ?? request.requested_until;
  const errors = [
    ...(granted ? laterDeadlineErrors(until, access.recipient.deadline) : []),
    ...refusalErrors(granted, d.comment),
  ];
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
      letterhead: await roundLetterhead(ctx, access.c, k.officerId, stockholmDate(ctx.clock.now()), by.id),
    },
  });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await writePreparedDocument(ctx, trx, prepared);
    const decided = await decideExtensionRequest(trx, request.id, {
      status: granted ? "granted" : "refused",
      granted_until: granted ? until : null,
      decision_comment: d.comment ?? null,
      decided_at: now.toISOString(),
      decided_by: by.id,
      decision_document_id: prepared.row.id,
    });
    if (!decided)
      throw new ConflictError(
        "the request was decided meanwhile",
        [],
        [{ field: "", message: "round.step_not_allowed" }],
      );
    if (granted) await setOwnDeadline(trx, r.id, until, linkLastDay(until, ctx.config.consultationGraceDays));
    await queueRoundMail(trx, ctx.config, now, {
      to: r.email,
      diaryNumber,
      subject: t("round.mail_extension_decided_subject", { title }),
      officerId: k.officerId,
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
