// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

/**
 * Classification maintenance (issue 17): a class keeps every version of its name, description and
 * retention rule in `class_versions`; a case points to the version it was filed under, so editing a
 * class changes neither what an old case shows nor the retention applied to it (R6, R7).
 * `classes.title` stays the current version's name for every reader of class names. A class is
 * retired (`retired_at`), never deleted: retired classes take no new cases.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("classes").addColumn("retired_at", "text").execute();
  await db.schema
    .createTable("class_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    // Kept (bevaras) or disposed of (gallras) N years after the case is closed, under a decision;
    // null when the class sets no rule and the decisions per document type apply.
    .addColumn("retention", "text", (c) => c.check(sql`retention in ('keep', 'dispose')`))
    .addColumn("retention_years", "integer")
    .addColumn("decision_id", "text", (c) => c.references("disposal_decisions.id"))
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("superseded_at", "text")
    .addUniqueConstraint("class_versions_number", ["class_id", "version"])
    .addCheckConstraint(
      "class_versions_retention",
      sql`(retention is null and retention_years is null and decision_id is null)
        or (retention = 'keep' and retention_years is null)
        or (retention = 'dispose' and retention_years between 0 and 100 and decision_id is not null)`,
    )
    .execute();
  // One current version per class.
  await db.schema
    .createIndex("class_versions_current")
    .on("class_versions")
    .column("class_id")
    .unique()
    .where(sql.ref("superseded_at"), "is", null)
    .execute();
  await db.schema
    .alterTable("cases")
    .addColumn("class_version_id", "text", (c) => c.references("class_versions.id"))
    .execute();

  // Every existing class becomes its own version 1, and every case is filed under it.
  await sql`insert into class_versions (id, class_id, version, title, created_at)
    select 'cv-' || id, id, 1, title, ${new Date().toISOString()} from classes`.execute(db);
  await sql`update cases set class_version_id = 'cv-' || class_id`.execute(db);

  // A version is a record of what a class said: never deleted.
  if (isPostgres(db)) {
    await sql`create trigger class_versions_never_deleted before delete on class_versions
      for each row execute function kansli_refuse_change()`.execute(db);
  } else {
    await sql`create trigger class_versions_never_deleted before delete on class_versions
      begin select raise(abort, 'kansli: DELETE on class_versions is not allowed'); end`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cases").dropColumn("class_version_id").execute();
  if (isPostgres(db)) await sql`drop trigger class_versions_never_deleted on class_versions`.execute(db);
  else await sql`drop trigger class_versions_never_deleted`.execute(db);
  await db.schema.dropTable("class_versions").execute();
  await db.schema.alterTable("classes").dropColumn("retired_at").execute();
}
