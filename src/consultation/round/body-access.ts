import type { UserActor } from "../../auth/actor.ts";
import { can } from "../../auth/policy.ts";
import { stockholmDate } from "../../platform/clock.ts";
import type { Ctx } from "../../platform/context.ts";
import { AppError, ConflictError, NotFoundError } from "../../platform/errors.ts";
import { caseSubject } from "../../registry/case-visibility.ts";
import type { Case } from "../../registry/cases.model.ts";
import { getCase } from "../../registry/cases.service.ts";
import { answerLinkHash, isLinkSecret } from "./answer-link.ts";
import { type ConsultationDetails, type Recipient, recipientActions } from "./consultation.model.ts";
import { findRecipient, findRecipientByTokenHash, updateRecipient } from "./consultation.store.ts";
import { allRecipients, getConsultation } from "./draft/draft.command.ts";

/** A body of a consultation, found through its personal link or for a signed-in user. */
export interface BodyAccess {
  consultation: ConsultationDetails;
  recipient: Recipient;
  /** The round's case: whether a reader sees its real title follows from it. */
  c: Case;
  diaryNumber: string;
  /** Where the body's answer page lives: the link, or the inbox page of a signed-in user. */
  base: string;
}

async function accessFor(
  ctx: Ctx,
  consultationId: string,
  recipientId: string,
  base: string,
): Promise<BodyAccess> {
  const consultation = await getConsultation(ctx, consultationId);
  const recipient = allRecipients(consultation).find((r) => r.id === recipientId);
  if (!recipient || recipient.state === "not_sent") throw new NotFoundError();
  const c = await getCase(ctx, consultation.caseId);
  return { consultation, recipient, c, diaryNumber: c.diaryNumber, base };
}

/**
 * The body a personal link belongs to. A malformed or unknown link answers 404, an expired one
 * 410, each with a message that says so; the lookup is by the secret's hash only.
 */
export async function accessByLink(ctx: Ctx, secret: string): Promise<BodyAccess> {
  const record = isLinkSecret(secret)
    ? await findRecipientByTokenHash(ctx.db, answerLinkHash(secret))
    : undefined;
  if (!record)
    throw new AppError(404, "link_invalid", "unknown answer link", [
      { field: "", message: "round.link_invalid" },
    ]);
  if (record.linkExpiresAt && stockholmDate(ctx.clock.now()) > record.linkExpiresAt)
    throw new AppError(410, "link_expired", "the answer link has expired", [
      { field: "", message: "round.link_expired", params: { lastDay: record.linkExpiresAt } },
    ]);
  return accessFor(ctx, record.consultationId, record.id, `/svar/${secret}`);
}

/**
 * A body for a signed-in user: the remissinstans of the body's own unit, or those who run the
 * round's case (`consultation.manage`) registering an answer that came by post. Anyone else is
 * told it is another unit's consultation (403), and nothing is changed.
 */
export async function accessForUser(ctx: Ctx, actor: UserActor, recipientId: string): Promise<BodyAccess> {
  const record = await findRecipient(ctx.db, recipientId);
  if (!record) throw new NotFoundError();
  const access = await accessFor(ctx, record.consultationId, record.id, `/remissvar/${record.id}`);
  if (
    !can(actor, "consultation.answer", { unitId: record.unitId }) &&
    !can(actor, "consultation.manage", caseSubject(access.c))
  )
    throw new AppError(403, "forbidden", "not this user's unit", [
      { field: "", message: "round.not_your_unit" },
    ]);
  return access;
}

/** The first time a body opens its answer page is recorded: the board shows it as opened. */
export async function markOpened(ctx: Ctx, access: BodyAccess): Promise<void> {
  if (access.recipient.openedAt || access.consultation.status !== "sent") return;
  await updateRecipient(ctx.db, access.recipient.id, { opened_at: ctx.clock.now().toISOString() });
}

/**
 * Lets an upload without login be read only when it goes to the answer route of a live link
 * whose body may still answer; otherwise throws the link's own refusal (404, 410 or 409). Runs
 * before the body is read, so a stranger cannot make the server take in files.
 */
export async function checkLinkUpload(ctx: Ctx, secret: string): Promise<void> {
  const access = await accessByLink(ctx, secret);
  const allowed = recipientActions(access.consultation.status, access.recipient.state);
  if (!allowed.includes("answer"))
    throw new ConflictError(
      "this body cannot answer now",
      [...allowed],
      [
        {
          field: "",
          message: access.consultation.status === "closed" ? "round.closed" : "round.already_answered",
        },
      ],
    );
}
