// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";

const COPIED = [
  "id",
  "tenant_id",
  "file_name",
  "sha256",
  "size",
  "file_type",
  "method",
  "raw_text",
  "repaired_text",
  "changes",
  "proposal",
  "status",
  "case_id",
  "created_by",
  "created_at",
  "confirmed_at",
];

/**
 * Imports are read in the background: a draft is stored at upload as `reading` (without text or
 * proposal yet) with its page progress, ends `pending` (ready for review) or `failed` with the
 * reason, and a draft awaiting review can be `discarded` (kept, with who and when). The status
 * CHECK of 0013 cannot be altered on SQLite, so the table is rebuilt (same on both databases).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("import_drafts_next")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("file_type", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.check(sql`method in ('text', 'ocr')`))
    .addColumn("raw_text", "text")
    .addColumn("repaired_text", "text")
    .addColumn("changes", "text")
    .addColumn("proposal", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('reading', 'pending', 'failed', 'confirmed', 'discarded')`),
    )
    .addColumn("case_id", "text", (c) => c.references("cases.id"))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .addColumn("pages", "integer")
    .addColumn("pages_read", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failure", "text")
    .addColumn("discarded_at", "text")
    .addColumn("discarded_by", "text", (c) => c.references("users.id"))
    .addCheckConstraint(
      "import_drafts_confirmed_with_case",
      sql`status <> 'confirmed' or case_id is not null`,
    )
    .addCheckConstraint(
      "import_drafts_read_with_proposal",
      sql`status in ('reading', 'failed', 'discarded') or proposal is not null`,
    )
    .execute();
  const columns = sql.join(COPIED.map((c) => sql.ref(c)));
  await sql`insert into import_drafts_next (${columns}) select ${columns} from import_drafts`.execute(db);
  await db.schema.dropTable("import_drafts").execute();
  await db.schema.alterTable("import_drafts_next").renameTo("import_drafts").execute();
  await db.schema
    .createIndex("import_drafts_list")
    .on("import_drafts")
    .columns(["tenant_id", "status", "created_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(_db: Kysely<any>): Promise<void> {
  throw new Error("2026-12-07-0201-import-reading cannot be undone: drafts read later have no text");
}
