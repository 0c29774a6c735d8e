// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // R6: a disposal decision (gallringsbeslut) as the archive authority made it.
  await db.schema
    .createTable("disposal_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("decided_on", "text", (c) => c.notNull())
    .addColumn("authority", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("disposal_decisions_reference", ["tenant_id", "reference"])
    .execute();

  // What a decision says of one document type. The retention period counts from the day the
  // document's case was closed; `counted_from` names that so other starting points can follow.
  await db.schema
    .createTable("disposal_rules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("decision_id", "text", (c) => c.notNull().references("disposal_decisions.id"))
    .addColumn("document_type", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('keep', 'dispose')`))
    .addColumn("retention_years", "integer")
    .addColumn("counted_from", "text", (c) => c.notNull().check(sql`counted_from in ('case_closed')`))
    // A later decision on the same type replaces this rule; the rule itself stays on record.
    .addColumn("superseded_by", "text", (c) => c.references("disposal_decisions.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint(
      "disposal_rules_retention",
      sql`(action = 'keep' and retention_years is null)
        or (action = 'dispose' and retention_years between 0 and 100)`,
    )
    .execute();
  // A document type maps to at most one rule in force at a time.
  await db.schema
    .createIndex("disposal_rules_in_force")
    .on("disposal_rules")
    .columns(["tenant_id", "document_type"])
    .unique()
    .where(sql.ref("superseded_by"), "is", null)
    .execute();

  // The permanent entry each disposal leaves: one per file version (unique, so two runs at
  // once cannot dispose of the same version twice), copied out so it stands on its own.
  await db.schema
    .createTable("disposal_records")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("file_id", "text", (c) => c.notNull().unique().references("document_files.id"))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("diary_number", "text", (c) => c.notNull())
    .addColumn("file_version", "integer", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("decision_id", "text", (c) => c.notNull().references("disposal_decisions.id"))
    .addColumn("decision_reference", "text", (c) => c.notNull())
    .addColumn("disposed_at", "text", (c) => c.notNull())
    .addColumn("disposed_by", "text", (c) => c.references("users.id"))
    .addColumn("disposed_by_label", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("disposal_records_tenant_time")
    .on("disposal_records")
    .columns(["tenant_id", "disposed_at"])
    .execute();

  if (isPostgres(db)) {
    await sql`create trigger disposal_records_append_only before update or delete on disposal_records
      for each row execute function kansli_refuse_change()`.execute(db);
    // A disposed file version stays disposed: its content is gone and cannot come back.
    await sql`create function kansli_keep_disposed() returns trigger language plpgsql as $$
      begin
        if old.disposed_at is not null and new.disposed_at is distinct from old.disposed_at then
          raise exception 'kansli: a disposed file version stays disposed';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger document_files_stay_disposed before update on document_files
      for each row execute function kansli_keep_disposed()`.execute(db);
  } else {
    await sql`create trigger disposal_records_no_update before update on disposal_records
      begin select raise(abort, 'kansli: UPDATE on disposal_records is not allowed'); end`.execute(db);
    await sql`create trigger disposal_records_no_delete before delete on disposal_records
      begin select raise(abort, 'kansli: DELETE on disposal_records is not allowed'); end`.execute(db);
    await sql`create trigger document_files_stay_disposed before update on document_files
      when old.disposed_at is not null and new.disposed_at is not old.disposed_at
      begin select raise(abort, 'kansli: a disposed file version stays disposed'); end`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger document_files_stay_disposed${isPostgres(db) ? sql` on document_files` : sql``}`.execute(
    db,
  );
  if (isPostgres(db)) await sql`drop function kansli_keep_disposed()`.execute(db);
  await db.schema.dropTable("disposal_records").execute();
  await db.schema.dropTable("disposal_rules").execute();
  await db.schema.dropTable("disposal_decisions").execute();
}
