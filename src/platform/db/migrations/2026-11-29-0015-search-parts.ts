// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

/**
 * A case's search entry is split into parts: the case row (titles, parties, descriptions) and one
 * part per document with extracted file text. A registration then indexes only its own file's
 * text instead of the whole case again, and no case text is cut short any more.
 *
 * A part's key is its case's key shifted left by PART_BITS plus the part's number (the case row
 * is part 0), so all parts of a case lie together and "newest case first" is still a walk down
 * one key. Existing case rows keep the file text they hold until the case next changes; then
 * their text moves into parts.
 */
const PART_BITS = 20;

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable("search_parts")
    .addColumn("key", pg ? "bigint" : "integer", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("document_id", "text", (c) => c.notNull().unique().references("documents.id"))
    .addColumn("file_version", "integer", (c) => c.notNull())
    // The case's title line the part was indexed with: a part is rewritten when it changes.
    .addColumn("title", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("search_parts_case").on("search_parts").column("case_id").execute();
  if (pg) {
    await sql`alter table search_parts add column tsv tsvector not null`.execute(db);
    await sql`create index search_parts_tsv on search_parts using gin (tsv)`.execute(db);
    return;
  }
  // The FTS rows of case rows move from rowid = key to rowid = key << PART_BITS. FTS5 keeps the
  // indexed text, so the rows are copied without tokenising the source again.
  for (const table of ["search_full", "search_public"]) {
    await sql`create virtual table ${sql.raw(`${table}_parts`)} using fts5(title, parties, body,
      tokenize = 'unicode61 remove_diacritics 2', detail = 'column')`.execute(db);
    await sql`insert into ${sql.raw(`${table}_parts`)} (rowid, title, parties, body)
      select rowid << ${sql.lit(PART_BITS)}, title, parties, body from ${sql.raw(table)}`.execute(db);
    await sql`drop table ${sql.raw(table)}`.execute(db);
    await sql`alter table ${sql.raw(`${table}_parts`)} rename to ${sql.raw(table)}`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    for (const table of ["search_full", "search_public"]) {
      await sql`delete from ${sql.raw(table)} where rowid & ${sql.lit((1 << PART_BITS) - 1)} <> 0`.execute(
        db,
      );
      await sql`create virtual table ${sql.raw(`${table}_cases`)} using fts5(title, parties, body,
        tokenize = 'unicode61 remove_diacritics 2', detail = 'column')`.execute(db);
      await sql`insert into ${sql.raw(`${table}_cases`)} (rowid, title, parties, body)
        select rowid >> ${sql.lit(PART_BITS)}, title, parties, body from ${sql.raw(table)}`.execute(db);
      await sql`drop table ${sql.raw(table)}`.execute(db);
      await sql`alter table ${sql.raw(`${table}_cases`)} rename to ${sql.raw(table)}`.execute(db);
    }
  }
  await db.schema.dropTable("search_parts").execute();
}
