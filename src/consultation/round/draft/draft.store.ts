import type { Insertable } from "kysely";
import type { Db } from "../../../platform/db/database.ts";
import type { ConsultationMaterialTable, ConsultationRecipientTable } from "../../../platform/db/schema.ts";
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
