// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // Every message the registry's mailbox received (issue 22): kept as received (.eml in the blob
  // store) with its attachments, then filed as a body's answer, as an incoming document of a
  // case, or as not a public record with a reason. Nothing here is ever deleted.
  await db.schema
    .createTable("received_mail")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    // Message-ID and the SHA-256 of the raw message: one row per message however often it is read.
    .addColumn("intake_key", "text", (c) => c.notNull())
    .addColumn("message_id", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("from_address", "text")
    .addColumn("from_name", "text")
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    .addColumn("eml_sha256", "text", (c) => c.notNull())
    .addColumn("eml_size", "integer", (c) => c.notNull())
    // JSON [{ fileName, sha256, size, mime }]: the bytes stay in the blob store.
    .addColumn("attachments", "text", (c) => c.notNull())
    // What the sender's server found (spf, dkim, dmarc), as JSON { spf, dkim, dmarc }.
    .addColumn("authentication", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('queued', 'answer', 'document', 'not_public')`),
    )
    // Why the message waits for a registrar (queued), as a reason code.
    .addColumn("queue_reason", "text")
    .addColumn("filed_at", "text")
    .addColumn("filed_by", "text", (c) => c.references("users.id"))
    .addColumn("document_id", "text", (c) => c.references("documents.id"))
    .addColumn("not_public_reason", "text")
    .execute();
  await db.schema
    .createIndex("received_mail_intake_key")
    .on("received_mail")
    .columns(["tenant_id", "intake_key"])
    .unique()
    .execute();
  await db.schema
    .createIndex("received_mail_status")
    .on("received_mail")
    .columns(["tenant_id", "status", "received_at"])
    .execute();
  // A received message is a public record once it is filed, and kept with its reason when it is not.
  if (isPostgres(db)) {
    await sql`create trigger received_mail_never_deleted before delete on received_mail
      for each row execute function kansli_refuse_change()`.execute(db);
  } else {
    await sql`create trigger received_mail_never_deleted before delete on received_mail
      begin select raise(abort, 'kansli: DELETE on received_mail is not allowed'); end`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("received_mail").execute();
}
