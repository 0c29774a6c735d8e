// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";

/**
 * Received consultations between upload and confirmation: the file (in the blob store, by its
 * SHA-256), the text as read and as repaired, and the proposal. Confirming ties the row to the
 * case it opened; rows are kept as the record of what was read.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("import_drafts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("file_type", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull().check(sql`method in ('text', 'ocr')`))
    .addColumn("raw_text", "text", (c) => c.notNull())
    .addColumn("repaired_text", "text", (c) => c.notNull())
    .addColumn("changes", "text", (c) => c.notNull())
    .addColumn("proposal", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('pending', 'confirmed')`))
    .addColumn("case_id", "text", (c) => c.references("cases.id"))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addCheckConstraint("import_drafts_confirmed_has_case", sql`status = 'pending' or case_id is not null`)
    .execute();
  await db.schema
    .createIndex("import_drafts_list")
    .on("import_drafts")
    .columns(["tenant_id", "status", "created_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_drafts").execute();
}
