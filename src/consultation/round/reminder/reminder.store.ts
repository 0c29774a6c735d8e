import type { Insertable } from "kysely";
import type { Db } from "../../../platform/db/database.ts";
import type { ConsultationReminderTable } from "../../../platform/db/schema.ts";

/**
 * Records a reminder unless the same one (body and key) is already there; returns whether this
 * call recorded it. With PostgreSQL the second of two simultaneous inserts waits for the first and
 * then does nothing.
 */
export async function insertReminderOnce(
  trx: Db,
  row: Insertable<ConsultationReminderTable>,
): Promise<boolean> {
  const inserted = await trx
    .insertInto("consultation_reminders")
    .values(row)
    .onConflict((oc) => oc.columns(["recipient_id", "reminder_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** The ids of the rounds that are out. */
export async function roundsOut(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("consultations")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "sent")
    .execute();
  return rows.map((r) => r.id);
}
