// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";

/**
 * Sending, answering and following up a consultation. A recipient's tracking state is derived
 * from these facts (see consultations.model.ts), so the frozen `state` column of 0007 only
 * says whether the body was sent the consultation.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("consultations").addColumn("closed_on", "text").execute();
  await db.schema.alterTable("consultations").addColumn("missiv_document_id", "text").execute();
  await db.schema.alterTable("consultations").addColumn("list_document_id", "text").execute();
  await db.schema.alterTable("consultations").addColumn("compilation_document_id", "text").execute();

  const recipientColumns = [
    "token_hash",
    "link_expires_at",
    "sent_at",
    "opened_at",
    "answered_on",
    "answer_document_id",
    "declined_on",
    "decline_comment",
    "summary",
  ];
  for (const name of recipientColumns)
    await db.schema.alterTable("consultation_recipients").addColumn(name, "text").execute();
  await db.schema
    .alterTable("consultation_recipients")
    .addColumn("position", "text", (c) =>
      c.check(sql`position is null or position in ('supports', 'opposes', 'mixed', 'no_comment')`),
    )
    .execute();
  await db.schema
    .createIndex("consultation_recipients_token")
    .on("consultation_recipients")
    .column("token_hash")
    .unique()
    .execute();
  await db.schema
    .createIndex("consultation_recipients_unit_inbox")
    .on("consultation_recipients")
    .columns(["unit_id", "sent_at"])
    .execute();

  await db.schema
    .createTable("consultation_extensions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("recipient_id", "text", (c) => c.notNull().references("consultation_recipients.id"))
    .addColumn("requested_until", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('requested', 'granted', 'refused')`))
    .addColumn("granted_until", "text")
    .addColumn("decision_comment", "text")
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("request_document_id", "text", (c) => c.references("documents.id"))
    .addColumn("decision_document_id", "text", (c) => c.references("documents.id"))
    .addCheckConstraint(
      "consultation_extensions_granted_date",
      sql`(status = 'granted') = (granted_until is not null)`,
    )
    .execute();
  await db.schema
    .createIndex("consultation_extensions_recipient")
    .on("consultation_extensions")
    .columns(["recipient_id", "requested_at"])
    .execute();

  // One row per reminder sent: the unique key is what makes a reminder go out once, whatever
  // number of processes look for due reminders at the same moment.
  await db.schema
    .createTable("consultation_reminders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("recipient_id", "text", (c) => c.notNull().references("consultation_recipients.id"))
    .addColumn("reminder_key", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('before', 'after', 'manual')`))
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .addColumn("sent_by", "text", (c) => c.references("users.id"))
    .addUniqueConstraint("consultation_reminders_once", ["recipient_id", "reminder_key"])
    .execute();

  // An answer to an open consultation waits for its closing before the public register shows it.
  await db.schema.alterTable("documents").addColumn("public_hold", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  // The added columns stay: SQLite cannot drop a column that has a check or an index.
  await db.schema.dropIndex("consultation_recipients_unit_inbox").execute();
  await db.schema.dropIndex("consultation_recipients_token").execute();
  await db.schema.dropTable("consultation_reminders").execute();
  await db.schema.dropTable("consultation_extensions").execute();
}
