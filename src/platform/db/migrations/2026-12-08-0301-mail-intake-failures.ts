// Frozen migration: never edit after it has landed; add a new file instead.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // How often taking a message in has failed, by the SHA-256 of what was read of it: after a few
  // failures it is moved aside on the mail server, so one bad message cannot block the rest.
  await db.schema
    .createTable("mail_intake_attempts")
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("eml_sha256", "text", (c) => c.notNull())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_error", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("mail_intake_attempts_pk", ["tenant_id", "eml_sha256"])
    .execute();
  // The error a message set aside that way failed with, shown to the registrar in the queue.
  await db.schema.alterTable("received_mail").addColumn("intake_error", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("received_mail").dropColumn("intake_error").execute();
  await db.schema.dropTable("mail_intake_attempts").execute();
}
