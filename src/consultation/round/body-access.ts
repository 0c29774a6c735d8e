import { can, type UserActor } from "../../auth/index.ts";
import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import { AppError, ConflictError, NotFoundError } from "../../platform/errors.ts";
import { type Case, caseSubject, getCase } from "../../registry/index.ts";
import { answerLinkHash, isLinkSecret } from "./answer-link.ts";
import type { ConsultationDetails, Recipient, RecipientAction } from "./consultation.model.ts";
import { allRecipients, getConsultation } from "./consultation.service.ts";
import { findRecipient, findRecipientByTokenHash } from "./consultation.store.ts";
import { requireRoundManagerOf } from "./round-manager.ts";
import { recipientActions } from "./tracking.ts";

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

/**
 * Who takes a step for a body: a signed-in user, whoever holds the body's personal link, or the
 * registry's mailbox (an answer e-mailed from the body's address, matched by the mail intake).
 */
export type Answerer = UserActor | "link" | "mail";

/** Whom a body's step is recorded as taken by: a link's holder and the mailbox are recorded as the system. */
export const actingAs = (who: Answerer): UserActor | "system" =>
  who === "link" || who === "mail" ? "system" : who;

/** How a body's step came in, for the audit log. */
export const via = (who: Answerer) => (who === "link" || who === "mail" ? who : "user");

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

/** A body as the mailbox reaches it: an answer e-mailed with the round's diary number, from the body's address. */
export const accessByMail = (ctx: Ctx, consultationId: string, recipientId: string): Promise<BodyAccess> =>
  accessFor(ctx, consultationId, recipientId, `/remissvar/${recipientId}`);

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

/**
 * A body for the officer's steps: the body must belong to that consultation, and the user must
 * run the rounds of its case (403 otherwise, before anything is read or written).
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
