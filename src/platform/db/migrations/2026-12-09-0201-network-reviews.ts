// Frozen migration: never edit after it has landed; add a new file instead.
import crypto from "node:crypto";
import type { Kysely } from "kysely";

/** Four years on; 29 February lands on 28 February when the year is not a leap year. */
function fourYearsOn(date: string): string {
  const year = Number(date.slice(0, 4)) + 4;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const rest = date.slice(4);
  return `${year}${rest === "-02-29" && !leap ? "-02-28" : rest}`;
}

/**
 * Issue 20, item 5: networks are reviewed every fourth year like memberships (P4); review
 * reminders go out with a lead time the admin sets; a contact person of the network is a user
 * account with the kontaktperson role for their unit.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("tenants")
    .addColumn("review_reminder_days", "integer", (c) => c.notNull().defaultTo(60))
    .execute();
  await db.schema
    .alterTable("contact_persons")
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .execute();

  // Running networks get the review date a membership would have: four years after the last
  // review, or after the start.
  const networks = await db
    .selectFrom("engagements")
    .select(["id", "start_date", "last_reviewed_on"])
    .where("type", "=", "network")
    .where("status", "in", ["proposed", "approved"])
    .where("review_date", "is", null)
    .execute();
  for (const n of networks)
    await db
      .updateTable("engagements")
      .set({ review_date: fourYearsOn(n.last_reviewed_on ?? n.start_date) })
      .where("id", "=", n.id)
      .execute();

  // Each appointment is linked to the kontaktperson account of its unit with the same e-mail.
  const accounts = await db
    .selectFrom("users")
    .select(["id", "tenant_id", "unit_id", "email", "display_name", "created_at"])
    .where("role", "=", "kontaktperson")
    .where("disabled_at", "is", null)
    .where("email", "is not", null)
    .orderBy("created_at")
    .execute();
  const appointments = await db.selectFrom("contact_persons").selectAll().orderBy("created_at").execute();
  // biome-ignore lint/suspicious/noExplicitAny: rows of an untyped schema
  const accountOf = (a: Record<string, any>) =>
    accounts.find(
      (u) =>
        u.tenant_id === a.tenant_id &&
        u.unit_id === a.unit_id &&
        String(u.email).toLowerCase() === String(a.email).toLowerCase(),
    );
  for (const a of appointments) {
    const account = accountOf(a);
    if (account)
      await db.updateTable("contact_persons").set({ user_id: account.id }).where("id", "=", a.id).execute();
  }

  // A unit of the network whose current appointment has no account, while the unit has a
  // kontaktperson account, gets that account as its contact person: the accounts are what the
  // rest of kansli acts on (visits, reviews). The old appointment ends, and stays as history.
  const networkUnits = await db
    .selectFrom("units")
    .select(["id", "tenant_id"])
    .where("type", "in", ["administration", "company"])
    .execute();
  const today = new Date().toISOString().slice(0, 10);
  for (const unit of networkUnits) {
    const current = appointments.find(
      (a) => a.tenant_id === unit.tenant_id && a.unit_id === unit.id && a.ended_on === null,
    );
    if (current && accountOf(current)) continue;
    const account = accounts.find((u) => u.tenant_id === unit.tenant_id && u.unit_id === unit.id);
    if (!account) continue;
    if (current)
      await db.updateTable("contact_persons").set({ ended_on: today }).where("id", "=", current.id).execute();
    await db
      .insertInto("contact_persons")
      .values({
        id: crypto.randomUUID(),
        tenant_id: unit.tenant_id,
        unit_id: unit.id,
        user_id: account.id,
        name: account.display_name,
        email: account.email,
        phone: null,
        appointed_on: String(account.created_at).slice(0, 10),
        appointed_by: "",
        ended_on: null,
        recorded_by: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("contact_persons").dropColumn("user_id").execute();
  await db.schema.alterTable("tenants").dropColumn("review_reminder_days").execute();
}
