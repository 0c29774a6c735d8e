import type { Insertable, Selectable } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import type { ContactPersonTable, NetworkMessageTable } from "../../platform/db/schema.ts";
import type { ContactAccount, ContactPerson } from "./network.model.ts";

/** The accounts that are contact persons: active, with the kontaktperson role, bound to a unit. */
const contactAccounts = (db: Db, tenantId: string) =>
  db
    .selectFrom("users")
    .where("users.tenant_id", "=", tenantId)
    .where("users.role", "=", "kontaktperson")
    .where("users.disabled_at", "is", null)
    .where("users.unit_id", "is not", null);

/**
 * The current appointments (not ended), one per unit, whose account is still the unit's
 * kontaktperson: an account disabled, given another role or moved to another unit is no longer
 * its contact person, so the register and the accounts cannot disagree.
 */
export async function currentContacts(db: Db, tenantId: string): Promise<ContactPerson[]> {
  const rows = await contactAccounts(db, tenantId)
    .innerJoin("contact_persons as c", (j) =>
      j.onRef("c.user_id", "=", "users.id").onRef("c.unit_id", "=", "users.unit_id"),
    )
    .select([
      "c.id",
      "c.unit_id",
      "c.user_id",
      "users.display_name",
      "users.email",
      "c.phone",
      "c.appointed_on",
      "c.appointed_by",
    ])
    .where("c.ended_on", "is", null)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    userId: r.user_id ?? "",
    name: r.display_name,
    email: r.email ?? "",
    phone: r.phone,
    appointedOn: r.appointed_on,
    appointedBy: r.appointed_by,
  }));
}

/** Every account that may be appointed, by name. */
export async function appointableAccounts(db: Db, tenantId: string): Promise<ContactAccount[]> {
  const rows = await contactAccounts(db, tenantId)
    .select(["users.id", "users.display_name", "users.email", "users.unit_id"])
    .orderBy("users.display_name")
    .execute();
  return rows.map((r) => ({ userId: r.id, name: r.display_name, email: r.email, unitId: r.unit_id ?? "" }));
}

/** Ends the unit's current appointment (if any) and records the new one; returns the ended one. */
export async function replaceContact(db: Db, row: Insertable<ContactPersonTable>) {
  const previous = await db
    .updateTable("contact_persons")
    .set({ ended_on: row.appointed_on })
    .where("tenant_id", "=", row.tenant_id)
    .where("unit_id", "=", row.unit_id)
    .where("ended_on", "is", null)
    .returning(["id", "user_id", "name", "email", "appointed_on", "appointed_by"])
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
