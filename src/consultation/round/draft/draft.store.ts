import type { Insertable, Updateable } from "kysely";
import type { Db } from "../../../platform/db/database.ts";
import type {
  ConsultationMaterialTable,
  ConsultationRecipientTable,
  ConsultationTable,
} from "../../../platform/db/schema.ts";
import type { ConsultationRow } from "../consultation.store.ts";

/** Writes a draft consultation with its distribution list and its material. */
export async function insertConsultation(
  db: Db,
  row: ConsultationRow,
  recipients: Insertable<ConsultationRecipientTable>[],
  material: Insertable<ConsultationMaterialTable>[],
): Promise<void> {
  await db.insertInto("consultations").values(row).execute();
  if (recipients.length > 0) await db.insertInto("consultation_recipients").values(recipients).execute();
  if (material.length > 0) await db.insertInto("consultation_material").values(material).execute();
}

/** Only a draft that is neither sent nor discarded may change. */
const isOpenDraft = (db: Db, id: string) =>
  db
    .updateTable("consultations")
    .where("id", "=", id)
    .where("status", "=", "draft")
    .where("discarded_at", "is", null);

/**
 * Rewrites a draft with its new distribution list and material; returns false (writing nothing)
 * when it is no longer a draft. The draft's bodies were never sent, so nothing refers to them.
 */
export async function replaceDraft(
  db: Db,
  id: string,
  values: Updateable<ConsultationTable>,
  recipients: Insertable<ConsultationRecipientTable>[],
  material: Insertable<ConsultationMaterialTable>[],
): Promise<boolean> {
  const updated = await isOpenDraft(db, id).set(values).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await db.deleteFrom("consultation_recipients").where("consultation_id", "=", id).execute();
  await db.deleteFrom("consultation_material").where("consultation_id", "=", id).execute();
  if (recipients.length > 0) await db.insertInto("consultation_recipients").values(recipients).execute();
  if (material.length > 0) await db.insertInto("consultation_material").values(material).execute();
  return true;
}

/** Marks a draft discarded; returns false when it was sent or discarded meanwhile. */
export async function claimDiscarding(db: Db, id: string, by: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const updated = await isOpenDraft(db, id)
    .set({ discarded_at: at, discarded_by: by, updated_at: at })
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}
