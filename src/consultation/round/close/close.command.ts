import { auditBy, type UserActor } from "../../../auth/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import { ConflictError, NotFoundError } from "../../../platform/errors.ts";
import { reindexCase } from "../../../registry/index.ts";
import { allowedActions, type ConsultationStatus } from "../consultation.model.ts";
import { allRecipients, getConsultation } from "../consultation.service.ts";
import { findConsultation } from "../consultation.store.ts";
import { requireRoundManager } from "../round-manager.ts";
import { earlyClosing, publicHoldOf } from "./close.rules.ts";
import { claimClosing, releaseHeldAnswers } from "./close.store.ts";

/**
 * Whether closing a round now would be early (the round's manager asks): the bodies without a
 * reply that still have time, or null. The page asks to confirm; the API wants `early: true`.
 */
export async function closingEarly(ctx: Ctx, by: UserActor, id: string) {
  const k = await getConsultation(ctx, id);
  const c = await requireRoundManager(ctx, by, k.caseId);
  const waiting = k.status === "sent" ? earlyClosing(allRecipients(k), stockholmDate(ctx.clock.now())) : null;
  return { k, c, waiting };
}

/**
 * Closes a consultation that is out: no more answers, links stop working, and its answers
 * enter the public register (unless secret, R9) in the same transaction. By hand it refuses a
 * round that is not out (409); the worker's call returns false instead.
 */
export async function closeConsultation(ctx: Ctx, by: UserActor | "system", id: string): Promise<boolean> {
  const row = await findConsultation(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  if (by !== "system") await requireRoundManager(ctx, by, row.case_id);
  const status = row.status as ConsultationStatus;
  if (!allowedActions(status).includes("close")) {
    if (by === "system") return false;
    throw new ConflictError(
      `a ${status} consultation cannot be closed`,
      [...allowedActions(status)],
      [{ field: "", message: status === "closed" ? "round.closed" : "round.not_sent" }],
    );
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await claimClosing(trx, id, stockholmDate(now), now))) return false;
    const released = await releaseHeldAnswers(trx, row.case_id, publicHoldOf(id), now);
    await reindexCase(trx, ctx.dialect, ctx.config.tenantId, row.case_id, now);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.close",
      subjectType: "consultation",
      subjectId: id,
      after: { closedOn: stockholmDate(now), answersMadePublic: released },
    });
    return true;
  });
}
