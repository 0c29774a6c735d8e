import type { Db } from "../../../platform/db/database.ts";

/** Marks a draft as sent on `sentOn`; returns false when it was sent meanwhile (or is no draft). */
export async function claimSending(trx: Db, id: string, sentOn: string, now: Date): Promise<boolean> {
  const claimed = await trx
    .updateTable("consultations")
    .set({ status: "sent", sent_on: sentOn, updated_at: now.toISOString() })
    .where("id", "=", id)
    .where("status", "=", "draft")
    .where("discarded_at", "is", null)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}
