import type { Db, Dialect } from "../../platform/db/database.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { indexText } from "../../platform/search/normalise.ts";
import { caseParties, findCase, toCase, toParty } from "../cases.store.ts";
import { caseDocuments, toDocument } from "../documents.store.ts";
import {
  deleteFtsRows,
  insertFtsRows,
  insertSearchRows,
  listSearchKeys,
  updateSearchRow,
  upsertSearchRowsPostgres,
} from "./search.store.ts";
import { partKey, syncParts } from "./search-parts.ts";
import { type SearchTexts, searchTexts } from "./search-texts.ts";

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
  const rows = await upsertSearchRowsPostgres(
    db,
    entries.map((e) => rowValues(tenantId, e, now)),
  );
  return new Map(rows.map((r) => [r.case_id, Number(r.key)]));
}

/**
 * SQLite: a case's row in search_index keeps its key (its place in "newest first"); its two FTS
 * rows (part 0 of the case) are replaced.
 */
async function upsertSqlite(db: Db, tenantId: string, entries: readonly SearchEntry[], now: Date) {
  const keys = new Map(
    (
      await listSearchKeys(
        db,
        entries.map((e) => e.caseId),
      )
    ).map((r) => [r.case_id, r.key]),
  );
  const known = entries.filter((e) => keys.has(e.caseId));
  for (const e of known) await updateSearchRow(db, rowValues(tenantId, e, now));
  if (known.length > 0)
    await deleteFtsRows(
      db,
      known.map((e) => partKey(keys.get(e.caseId) as number, 0)),
    );
  const fresh = entries.filter((e) => !keys.has(e.caseId));
  if (fresh.length > 0) {
    const inserted = await insertSearchRows(
      db,
      fresh.map((e) => rowValues(tenantId, e, now)),
    );
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
      return {
        rowid: partKey(keys.get(e.caseId) as number, 0),
        title: indexed(f.title),
        parties: indexed(f.parties),
        body: indexed(f.body),
      };
    });
    await insertFtsRows(db, table, rows);
  }
  return keys;
}
