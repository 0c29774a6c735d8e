import type { UserActor } from "../../../auth/actor.ts";
import { auditBy } from "../../../auth/audit-actor.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../../platform/clock.ts";
import type { Ctx } from "../../../platform/context.ts";
import { ConflictError, NotFoundError } from "../../../platform/errors.ts";
import { reindexCase } from "../../../registry/search/search-index.ts";
import { publicHoldOf } from "../answer/answer.command.ts";
import { allowedActions, type ConsultationStatus } from "../consultation.model.ts";
import { findConsultation } from "../consultation.store.ts";
import { requireRoundManager } from "../reader-view.ts";

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
    const closed = await trx
      .updateTable("consultations")
      .set({ status: "closed", closed_on: stockholmDate(now), updated_at: now.toISOString() })
      .where("id", "=", id)
      .where("status", "=", "sent")
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) return false;
    const released = await trx
      .updateTable("documents")
      .set({ public_hold: null, updated_at: now.toISOString() })
      .where("case_id", "=", row.case_id)
      .where("public_hold", "=", publicHoldOf(id))
      .executeTakeFirst();
    await reindexCase(trx, ctx.dialect, ctx.config.tenantId, row.case_id, now);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.close",
      subjectType: "consultation",
      subjectId: id,
      after: { closedOn: stockholmDate(now), answersMadePublic: Number(released.numUpdatedRows) },
    });
    return true;
  });
}
