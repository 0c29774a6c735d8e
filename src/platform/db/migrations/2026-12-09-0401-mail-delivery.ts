// Frozen migration: never edit after it has landed; add a new file instead.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Whom a recipient's reply reaches (the responsible officer), and when a message that failed
  // is tried again (the wait doubles with each attempt).
  await db.schema.alterTable("mail_outbox").addColumn("reply_to", "text").execute();
  await db.schema.alterTable("mail_outbox").addColumn("next_attempt_at", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mail_outbox").dropColumn("next_attempt_at").execute();
  await db.schema.alterTable("mail_outbox").dropColumn("reply_to").execute();
}
