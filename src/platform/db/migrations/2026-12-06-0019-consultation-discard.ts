// Frozen migration: never edit after it has landed; add a new file instead.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A draft round that was never sent can be discarded: the row stays (with who and when), the
  // round reads as discarded and takes no step. A column rather than a new status, so the
  // status CHECK of 0007 stays as it is on both databases.
  await db.schema.alterTable("consultations").addColumn("discarded_at", "text").execute();
  await db.schema
    .alterTable("consultations")
    .addColumn("discarded_by", "text", (c) => c.references("users.id"))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consultations").dropColumn("discarded_by").execute();
  await db.schema.alterTable("consultations").dropColumn("discarded_at").execute();
}
