// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // One search row per case: what registry staff may find (`full_*`) and what anyone may find
  // (`public_*`: public titles, masked, no drafts). `key` grows as cases are indexed, so
  // "newest first" is a walk down the key.
  const pg = isPostgres(db);
  await db.schema
    .createTable("search_index")
    .addColumn("key", pg ? "bigserial" : "integer", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().unique().references("cases.id"))
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("full_title", "text", (c) => c.notNull())
    .addColumn("full_parties", "text", (c) => c.notNull())
    .addColumn("full_body", "text", (c) => c.notNull())
    .addColumn("public_title", "text", (c) => c.notNull())
    .addColumn("public_parties", "text", (c) => c.notNull())
    .addColumn("public_body", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  if (pg) {
    // Filled by the application with text already folded (å/ä/ö to a/o), so a word is found
    // whether or not the user typed the diacritics; the swedish configuration stems it.
    await sql`alter table search_index add column full_tsv tsvector not null,
      add column public_tsv tsvector not null`.execute(db);
    await sql`create index search_index_full on search_index using gin (full_tsv)`.execute(db);
    await sql`create index search_index_public on search_index using gin (public_tsv)`.execute(db);
  } else {
    // Two FTS5 tables over stemmed, folded text written by the application (rowid = key).
    for (const table of ["search_full", "search_public"]) {
      await sql`create virtual table ${sql.raw(table)} using fts5(title, parties, body,
        tokenize = 'unicode61 remove_diacritics 2', detail = 'column')`.execute(db);
    }
  }

  // R9 copy requests from the public register: they arrive in the registry's inbox.
  await db.schema
    .createTable("copy_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("requester_name", "text")
    .addColumn("email", "text")
    .addColumn("postal_address", "text")
    .addColumn("delivery", "text", (c) => c.notNull().check(sql`delivery in ('email', 'paper')`))
    .addColumn("message", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('new', 'handled')`))
    .addColumn("outcome", "text", (c) => c.check(sql`outcome in ('sent', 'refused', 'partly_sent')`))
    .addColumn("outcome_note", "text")
    .addColumn("handled_by", "text", (c) => c.references("users.id"))
    .addColumn("handled_at", "text")
    .addCheckConstraint(
      "copy_requests_contact",
      sql`(delivery = 'email' and email is not null) or (delivery = 'paper' and postal_address is not null)`,
    )
    .execute();
  await db.schema
    .createIndex("copy_requests_inbox")
    .on("copy_requests")
    .columns(["tenant_id", "status", "received_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("copy_requests").execute();
  if (!isPostgres(db)) {
    await sql`drop table search_full`.execute(db);
    await sql`drop table search_public`.execute(db);
  }
  await db.schema.dropTable("search_index").execute();
}
