// Frozen migration: never edit after it has landed; add a new file instead.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The city's letter template prints each unit's visiting address and web address in its footer,
  // beside the postal address and phone the unit already has.
  await db.schema.alterTable("units").addColumn("visiting_address", "text").execute();
  await db.schema.alterTable("units").addColumn("web", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("units").dropColumn("web").execute();
  await db.schema.alterTable("units").dropColumn("visiting_address").execute();
}
