// Frozen migration: never edit after it has landed; add a new file instead.
import type { Kysely } from "kysely";

/**
 * Which units an engagement affects (issue 20, item 6): ticked in the form's grouped picker.
 * `engagements.units_affected` stays, derived from the ticked units' count when there are any,
 * so the routing and engagements from before (a number and no units) read it as before.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("engagement_units")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addPrimaryKeyConstraint("engagement_units_pk", ["engagement_id", "unit_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("engagement_units").execute();
}
