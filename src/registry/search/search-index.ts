import { sql } from "kysely";
import type { Db, Dialect } from "../../platform/db/database.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { indexText, postgresText } from "../../platform/search/normalise.ts";
import { caseParties, findCase, toCase, toParty } from "../cases.store.ts";
import { caseDocuments, toDocument } from "../documents.store.ts";
import { partKey, syncParts } from "./search-parts.ts";
import { type SearchFields, type SearchTexts, searchTexts } from "./search-texts.ts";

/**
 * Rewrites the search row of one case from what is in the database now, and brings its file-text
 * parts in line (search-parts.ts). Called inside the transaction of every change to a case, its
 * parties or its documents, so the index never shows what the register no longer holds.
 */
export async function reindexCase(
  db: Db,
  dialect: Dialect,
  tenantId: string,
  caseId: string,
  now: Date,
): Promise<void> {
  const row = await findCase(db, tenantId, caseId);
  if (!row) throw new NotFoundError();
  const [parties, documents] = await Promise.all([caseParties(db, caseId), caseDocuments(db, caseId)]);
  const texts = searchTexts(toCase(row), parties.map(toParty), documents.map(toDocument));
  const keys = await writeSearchRows(db, dialect, tenantId, [{ caseId, texts }], now);
  await syncParts(db, dialect, caseId, keys.get(caseId) as number, texts.full.title);
}

export interface SearchEntry {
  caseId: string;
  texts: SearchTexts;
}

/** Rows per statement when many cases are written at once (bulk loads). */
const CHUNK = 200;

/**
 * Writes (or rewrites) the search rows of cases from their texts, a few statements for many rows.
 * Returns each case's key.
 */
export async function writeSearchRows(
  db: Db,
  dialect: Dialect,
  tenantId: string,
  entries: readonly SearchEntry[],
  now: Date,
): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    const written =
      dialect === "postgres"
        ? await upsertPostgres(db, tenantId, chunk, now)
        : await upsertSqlite(db, tenantId, chunk, now);
    for (const [caseId, key] of written) keys.set(caseId, key);
  }
  return keys;
}

const rowValues = (tenantId: string, e: SearchEntry, now: Date) => ({
  case_id: e.caseId,
  tenant_id: tenantId,
  full_title: e.texts.full.title,
  full_parties: e.texts.full.parties,
  full_body: e.texts.full.body,
  public_title: e.texts.public.title,
  public_parties: e.texts.public.parties,
  public_body: e.texts.public.body,
  updated_at: now.toISOString(),
});

async function upsertPostgres(db: Db, tenantId: string, entries: readonly SearchEntry[], now: Date) {
  const rows = await db
    .insertInto("search_index")
    .values(
      entries.map((e) => ({ ...rowValues(tenantId, e, now), ...tsvectors(e.texts.full, e.texts.public) })),
    )
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
  return new Map(rows.map((r) => [r.case_id, Number(r.key)]));
}

/**
 * SQLite: a case's row in search_index keeps its key (its place in "newest first"); its two FTS
 * rows (part 0 of the case) are replaced.
 */
async function upsertSqlite(db: Db, tenantId: string, entries: readonly SearchEntry[], now: Date) {
  const keys = new Map(
    (
      await db
        .selectFrom("search_index")
        .select(["key", "case_id"])
        .where(
          "case_id",
          "in",
          entries.map((e) => e.caseId),
        )
        .execute()
    ).map((r) => [r.case_id, r.key]),
  );
  const known = entries.filter((e) => keys.has(e.caseId));
  for (const e of known)
    await db
      .updateTable("search_index")
      .set(rowValues(tenantId, e, now))
      .where("case_id", "=", e.caseId)
      .execute();
  if (known.length > 0) {
    const old = sql.join(known.map((e) => partKey(keys.get(e.caseId) as number, 0)));
    await sql`delete from search_full where rowid in (${old})`.execute(db);
    await sql`delete from search_public where rowid in (${old})`.execute(db);
  }
  const fresh = entries.filter((e) => !keys.has(e.caseId));
  if (fresh.length > 0) {
    const inserted = await db
      .insertInto("search_index")
      .values(fresh.map((e) => rowValues(tenantId, e, now)))
      .returning(["key", "case_id"])
      .execute();
    for (const r of inserted) keys.set(r.case_id, r.key);
  }
  // The public text is mostly the full text: each distinct text is turned into index terms once.
  const terms = new Map<string, string>();
  const indexed = (text: string) => {
    let t = terms.get(text);
    if (t === undefined) {
      t = indexText(text);
      terms.set(text, t);
    }
    return t;
  };
  for (const [table, fields] of [
    ["search_full", (t: SearchTexts) => t.full],
    ["search_public", (t: SearchTexts) => t.public],
  ] as const) {
    const rows = entries.map((e) => {
      const f = fields(e.texts);
      const key = partKey(keys.get(e.caseId) as number, 0);
      return sql`(${key}, ${indexed(f.title)}, ${indexed(f.parties)}, ${indexed(f.body)})`;
    });
    await sql`insert into ${sql.raw(table)} (rowid, title, parties, body) values ${sql.join(rows)}`.execute(
      db,
    );
  }
  return keys;
}

/** PostgreSQL: folded text through the swedish configuration, weighted A (title), B (parties), D (body). */
function tsvectors(full: SearchFields, pub: SearchFields) {
  const vector = (f: SearchFields) =>
    sql`setweight(to_tsvector('swedish', ${postgresText(f.title)}), 'A')
      || setweight(to_tsvector('swedish', ${postgresText(f.parties)}), 'B')
      || setweight(to_tsvector('swedish', ${postgresText(f.body)}), 'D')`;
  // biome-ignore lint/suspicious/noExplicitAny: tsvector columns are written only here, by SQL
  return { full_tsv: vector(full), public_tsv: vector(pub) } as any;
}
