import type { Db } from "../../../platform/db/database.ts";

/** Closes a round that is out; returns false when it was closed meanwhile (or is not out). */
export async function claimClosing(trx: Db, id: string, closedOn: string, now: Date): Promise<boolean> {
  const closed = await trx
    .updateTable("consultations")
    .set({ status: "closed", closed_on: closedOn, updated_at: now.toISOString() })
    .where("id", "=", id)
    .where("status", "=", "sent")
    .executeTakeFirst();
  return Number(closed.numUpdatedRows) === 1;
}

/**
 * Lifts the hold that kept the round's answers out of the public register (the case's documents
 * that carry it); returns how many were released.
 */
export async function releaseHeldAnswers(trx: Db, caseId: string, hold: string, now: Date): Promise<number> {
  const released = await trx
    .updateTable("documents")
    .set({ public_hold: null, updated_at: now.toISOString() })
    .where("case_id", "=", caseId)
    .where("public_hold", "=", hold)
    .executeTakeFirst();
  return Number(released.numUpdatedRows);
}
