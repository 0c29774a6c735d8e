import { type Insertable, sql } from "kysely";
import type { Db, Dialect } from "../../platform/db/database.ts";
import type { SearchIndexTable } from "../../platform/db/schema.ts";
import { indexText, postgresText } from "../../platform/search/normalise.ts";

/** For each document of a case, the newest version of its files that has text and is not disposed of. */
export const listTextVersions = (db: Db, caseId: string) =>
  db
    .selectFrom("document_files as f")
    .innerJoin("documents as d", "d.id", "f.document_id")
    .select(["f.document_id", (eb) => eb.fn.max("f.version").as("version")])
    .where("d.case_id", "=", caseId)
    .where("f.disposed_at", "is", null)
    // octet_length reads the stored size only, not a long text (SQLite 3.43+, PostgreSQL).
    .where(sql`octet_length(f.text_content)`, ">", 0)
    .groupBy("f.document_id")
    .execute();

/** The search parts of a case. */
export const listParts = (db: Db, caseId: string) =>
  db
    .selectFrom("search_parts")
    .select(["key", "document_id", "file_version", "title"])
    .where("case_id", "=", caseId)
    .execute();

export const findFileText = (db: Db, documentId: string, version: number) =>
  db
    .selectFrom("document_files")
    .select("text_content")
    .where("document_id", "=", documentId)
    .where("version", "=", version)
    .executeTakeFirstOrThrow();

interface PartRow {
  key: number;
  case_id: string;
  document_id: string;
  file_version: number;
  title: string;
}

/** Writes a part with its index terms: the title line and the file's text. */
export async function insertPart(db: Db, dialect: Dialect, row: PartRow, text: string): Promise<void> {
  if (dialect === "postgres") {
    // The body's positions are stripped: a long letter's positioned vector could pass the 1 MB
    // a tsvector may hold, and ranking needs only which words occur.
    const tsv = sql`setweight(to_tsvector('swedish', ${postgresText(row.title)}), 'A')
      || strip(to_tsvector('swedish', ${postgresText(text)}))`;
    // biome-ignore lint/suspicious/noExplicitAny: the tsvector column is written only here, by SQL
    const values = { ...row, tsv } as any;
    await db.insertInto("search_parts").values(values).execute();
    return;
  }
  await db.insertInto("search_parts").values(row).execute();
  await sql`insert into search_full (rowid, title, parties, body)
    values (${row.key}, ${indexText(row.title)}, '', ${indexText(text)})`.execute(db);
}

export async function deleteParts(db: Db, dialect: Dialect, keys: number[]): Promise<void> {
  if (dialect === "sqlite") await sql`delete from search_full where rowid in (${sql.join(keys)})`.execute(db);
  await db.deleteFrom("search_parts").where("key", "in", keys).execute();
}

/** The file text of parts (not empty). */
export const listPartTexts = (db: Db, keys: readonly number[]) =>
  db
    .selectFrom("search_parts as p")
    .innerJoin("document_files as f", (j) =>
      j.onRef("f.document_id", "=", "p.document_id").onRef("f.version", "=", "p.file_version"),
    )
    .select(["p.key", "f.text_content"])
    .where("p.key", "in", [...keys])
    .execute();

type SearchRow = Insertable<SearchIndexTable>;

/** PostgreSQL: writes (or rewrites) search rows with their weighted tsvectors; returns each case's key. */
export const upsertSearchRowsPostgres = (db: Db, rows: readonly SearchRow[]) =>
  db
    .insertInto("search_index")
    .values(rows.map((r) => ({ ...r, ...tsvectors(r) })))
    .onConflict((oc) =>
      oc.column("case_id").doUpdateSet((eb) => ({
        full_title: eb.ref("excluded.full_title"),
        full_parties: eb.ref("excluded.full_parties"),
        full_body: eb.ref("excluded.full_body"),
        public_title: eb.ref("excluded.public_title"),
        public_parties: eb.ref("excluded.public_parties"),
        public_body: eb.ref("excluded.public_body"),
        updated_at: eb.ref("excluded.updated_at"),
        full_tsv: sql`excluded.full_tsv`,
        public_tsv: sql`excluded.public_tsv`,
      })),
    )
    .returning(["key", "case_id"])
    .execute();

/** PostgreSQL: folded text through the swedish configuration, weighted A (title), B (parties), D (body). */
function tsvectors(r: SearchRow) {
  const vector = (title: string, parties: string, body: string) =>
    sql`setweight(to_tsvector('swedish', ${postgresText(title)}), 'A')
      || setweight(to_tsvector('swedish', ${postgresText(parties)}), 'B')
      || setweight(to_tsvector('swedish', ${postgresText(body)}), 'D')`;
  const full_tsv = vector(r.full_title, r.full_parties, r.full_body);
  const public_tsv = vector(r.public_title, r.public_parties, r.public_body);
  // biome-ignore lint/suspicious/noExplicitAny: tsvector columns are written only here, by SQL
  return { full_tsv, public_tsv } as any;
}

/** The keys of the search rows of some cases. */
export const listSearchKeys = (db: Db, caseIds: string[]) =>
  db.selectFrom("search_index").select(["key", "case_id"]).where("case_id", "in", caseIds).execute();

export const updateSearchRow = (db: Db, row: SearchRow) =>
  db.updateTable("search_index").set(row).where("case_id", "=", row.case_id).execute();

export const insertSearchRows = (db: Db, rows: readonly SearchRow[]) =>
  db.insertInto("search_index").values(rows).returning(["key", "case_id"]).execute();

/** SQLite: removes rows of both full-text tables. */
export async function deleteFtsRows(db: Db, rowids: number[]): Promise<void> {
  const old = sql.join(rowids);
  await sql`delete from search_full where rowid in (${old})`.execute(db);
  await sql`delete from search_public where rowid in (${old})`.execute(db);
}

interface FtsRow {
  rowid: number;
  title: string;
  parties: string;
  body: string;
}

/** SQLite: writes rows of already indexed text into one of the full-text tables. */
export async function insertFtsRows(
  db: Db,
  table: "search_full" | "search_public",
  rows: readonly FtsRow[],
): Promise<void> {
  const values = rows.map((r) => sql`(${r.rowid}, ${r.title}, ${r.parties}, ${r.body})`);
  await sql`insert into ${sql.raw(table)} (rowid, title, parties, body) values ${sql.join(values)}`.execute(
    db,
  );
}
