import type { Selectable } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import type { ContactPersonTable, NetworkMessageTable } from "../../platform/db/schema.ts";
import type { ContactPerson } from "./network.model.ts";

export type ContactPersonRow = Selectable<ContactPersonTable>;

export const toContactPerson = (r: ContactPersonRow): ContactPerson => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  appointedOn: r.appointed_on,
  appointedBy: r.appointed_by,
});

/** The current contact persons (not ended), one per unit. */
export function currentContacts(db: Db, tenantId: string): Promise<ContactPersonRow[]> {
  return db
    .selectFrom("contact_persons")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("ended_on", "is", null)
    .execute();
}

/** Ends the unit's current appointment (if any) and records the new one. */
export async function replaceContact(db: Db, row: ContactPersonRow): Promise<ContactPersonRow | undefined> {
  const previous = await db
    .updateTable("contact_persons")
    .set({ ended_on: row.appointed_on })
    .where("tenant_id", "=", row.tenant_id)
    .where("unit_id", "=", row.unit_id)
    .where("ended_on", "is", null)
    .returningAll()
    .executeTakeFirst();
  await db.insertInto("contact_persons").values(row).execute();
  return previous;
}

export async function insertNetworkMessage(db: Db, row: Selectable<NetworkMessageTable>): Promise<void> {
  await db.insertInto("network_messages").values(row).execute();
}

/** The messages sent to the network, newest first. */
export function networkMessages(db: Db, tenantId: string, limit: number) {
  return db
    .selectFrom("network_messages")
    .innerJoin("cases", "cases.id", "network_messages.case_id")
    .select([
      "network_messages.id",
      "network_messages.subject",
      "network_messages.recipients",
      "network_messages.sent_at",
      "network_messages.document_id",
      "cases.diary_number",
    ])
    .where("network_messages.tenant_id", "=", tenantId)
    .orderBy("network_messages.sent_at", "desc")
    .limit(limit)
    .execute();
}
