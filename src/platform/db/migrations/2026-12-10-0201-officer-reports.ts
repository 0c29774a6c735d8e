// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

/**
 * Issue 19, item 1: officer's reports (tjänsteutlåtanden). A report belongs to a case; each save
 * of a changed draft is a new version (its whole text and its signatories, as JSON); an approval
 * names the version its signatory approved; the approved version is registered in the case as a
 * document. Versions and approvals are the report's history and are never deleted.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("officer_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    // The handläggare the report's heading names: the officer who wrote it first.
    .addColumn("officer_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("current_version", "integer", (c) => c.notNull())
    // Set when every signatory has approved the current version: the version registered, and its document.
    .addColumn("approved_version", "integer")
    .addColumn("document_id", "text", (c) => c.references("documents.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint(
      "officer_reports_approved_whole",
      sql`(approved_version is null) = (document_id is null)`,
    )
    .execute();
  await db.schema.createIndex("officer_reports_case").on("officer_reports").columns(["case_id"]).execute();

  await db.schema
    .createTable("officer_report_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("report_id", "text", (c) => c.notNull().references("officer_reports.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    // The report's text, attachments and signatories as JSON (reports.model.ts, ReportContent).
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("written_by", "text", (c) => c.references("users.id"))
    .addColumn("written_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("officer_report_versions_number")
    .on("officer_report_versions")
    .columns(["report_id", "version"])
    .unique()
    .execute();

  await db.schema
    .createTable("officer_report_approvals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("report_id", "text", (c) => c.notNull().references("officer_reports.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("approved_at", "text", (c) => c.notNull())
    .execute();
  // One approval per signatory and version: a second click cannot count twice.
  await db.schema
    .createIndex("officer_report_approvals_once")
    .on("officer_report_approvals")
    .columns(["report_id", "version", "user_id"])
    .unique()
    .execute();

  for (const table of ["officer_reports", "officer_report_versions", "officer_report_approvals"]) {
    if (isPostgres(db)) {
      await sql`create trigger ${sql.raw(`${table}_never_deleted`)} before delete on ${sql.table(table)}
        for each row execute function kansli_refuse_change()`.execute(db);
    } else {
      await sql`create trigger ${sql.raw(`${table}_never_deleted`)} before delete on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`kansli: DELETE on ${table} is not allowed`)}); end`.execute(db);
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("officer_report_approvals").execute();
  await db.schema.dropTable("officer_report_versions").execute();
  await db.schema.dropTable("officer_reports").execute();
}
