// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("direction", "text", (c) =>
      c.notNull().check(sql`direction in ('incoming', 'outgoing', 'internal')`),
    )
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'registered')`))
    // R1: the date it arrived or was drawn up, the party, a short description.
    .addColumn("document_date", "text", (c) => c.notNull())
    .addColumn("party", "text")
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("public_description", "text")
    .addColumn("public_party", "text")
    // R2: the secrecy marking: provision, date and authority.
    .addColumn("secrecy_provision", "text")
    .addColumn("secrecy_marked_on", "text")
    .addColumn("secrecy_authority", "text")
    .addColumn("document_type", "text")
    // R5: due date and sign-off.
    .addColumn("due_date", "text")
    .addColumn("signed_off_on", "text")
    .addColumn("signoff_kind", "text", (c) =>
      c.check(sql`signoff_kind in ('answered', 'noted', 'other_case')`),
    )
    .addColumn("signoff_reference", "text")
    .addColumn("registered_at", "text")
    .addColumn("frozen_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint(
      "documents_secrecy_complete",
      sql`(secrecy_provision is null and secrecy_marked_on is null and secrecy_authority is null)
        or (secrecy_provision is not null and secrecy_marked_on is not null and secrecy_authority is not null)`,
    )
    .addCheckConstraint("documents_party_where_one", sql`direction = 'internal' or party is not null`)
    .execute();
  await db.schema
    .createIndex("documents_case")
    .on("documents")
    .columns(["case_id", "document_date"])
    .execute();
  await db.schema.createIndex("documents_due").on("documents").columns(["tenant_id", "due_date"]).execute();

  await db.schema
    .createTable("document_files")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("version", "integer", (c) => c.notNull().check(sql`version > 0`))
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("mime", "text", (c) => c.notNull())
    .addColumn("text_content", "text")
    .addColumn("uploaded_by", "text", (c) => c.references("users.id"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .addColumn("disposed_at", "text")
    .addUniqueConstraint("document_files_version", ["document_id", "version"])
    .execute();

  // A registered document, and any file version of it, is a public record: never deleted, and its
  // register entry and file versions never rewritten. Later steps (sign-off, a changed secrecy
  // marking, disposal of a file's content) may change only the columns that record them.
  if (isPostgres(db)) {
    await sql`create function kansli_keep_registered_entry() returns trigger language plpgsql as $$
      begin
        if old.status = 'registered' and (new.status <> 'registered' or new.case_id <> old.case_id
          or new.direction <> old.direction or new.document_date <> old.document_date
          or new.description <> old.description or new.party is distinct from old.party
          or new.registered_at is distinct from old.registered_at) then
          raise exception 'kansli: the register entry of a registered document is frozen';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger documents_entry_frozen before update on documents
      for each row execute function kansli_keep_registered_entry()`.execute(db);
    await sql`create function kansli_keep_file_version() returns trigger language plpgsql as $$
      begin
        if new.document_id <> old.document_id or new.version <> old.version or new.sha256 <> old.sha256
          or new.size <> old.size or new.file_name <> old.file_name then
          raise exception 'kansli: a file version is never rewritten';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger document_files_frozen before update on document_files
      for each row execute function kansli_keep_file_version()`.execute(db);
    await sql`create function kansli_refuse_registered_delete() returns trigger language plpgsql as $$
      begin
        if old.status = 'registered' then raise exception 'kansli: DELETE of a registered document is not allowed'; end if;
        return old;
      end $$`.execute(db);
    await sql`create trigger documents_registered_kept before delete on documents
      for each row execute function kansli_refuse_registered_delete()`.execute(db);
    await sql`create trigger document_files_kept before delete on document_files
      for each row execute function kansli_refuse_change()`.execute(db);
  } else {
    await sql`create trigger documents_entry_frozen before update on documents
      when old.status = 'registered' and (new.status <> 'registered' or new.case_id <> old.case_id
        or new.direction <> old.direction or new.document_date <> old.document_date
        or new.description <> old.description or new.party is not old.party
        or new.registered_at is not old.registered_at)
      begin select raise(abort, 'kansli: the register entry of a registered document is frozen'); end`.execute(
      db,
    );
    await sql`create trigger document_files_frozen before update on document_files
      when new.document_id <> old.document_id or new.version <> old.version or new.sha256 <> old.sha256
        or new.size <> old.size or new.file_name <> old.file_name
      begin select raise(abort, 'kansli: a file version is never rewritten'); end`.execute(db);
    await sql`create trigger documents_registered_kept before delete on documents when old.status = 'registered'
      begin select raise(abort, 'kansli: DELETE of a registered document is not allowed'); end`.execute(db);
    await sql`create trigger document_files_kept before delete on document_files
      begin select raise(abort, 'kansli: DELETE on document_files is not allowed'); end`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("document_files").execute();
  await db.schema.dropTable("documents").execute();
  if (isPostgres(db)) {
    await sql`drop function kansli_refuse_registered_delete()`.execute(db);
    await sql`drop function kansli_keep_registered_entry()`.execute(db);
    await sql`drop function kansli_keep_file_version()`.execute(db);
  }
}
