import { type Expression, type SqlBool, sql } from "kysely";
import type { Db, Dialect } from "../../platform/db/database.ts";
import { foldDiacritics, words } from "../../platform/search/normalise.ts";
import type { CaseStatus } from "../cases.model.ts";
import type { Direction } from "../documents.model.ts";

export type Visibility = "full" | "public";

export interface SearchFilter {
  registryId?: string | undefined;
  unitId?: string | undefined;
  classId?: string | undefined;
  year?: number | undefined;
  status?: CaseStatus | undefined;
  direction?: Direction | undefined;
  /** Cases opened on or after / on or before these dates (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * How results are ordered. Ranking every match costs time in proportion to the number of
 * matches (bm25 costs ~13 µs a match: a word found in most of a million cases would take
 * seconds), so a query whose matches exceed RANK_LIMIT is listed newest first instead, which the index walks in
 * key order and stops after one page.
 */
export type SearchOrder = "relevance" | "newest";
export const RANK_LIMIT = 1000;

/** Keyset position: the last row's score (relevance) and key. */
export interface SearchCursor {
  order: SearchOrder;
  score: number;
  key: number;
}

export interface SearchParams {
  tenantId: string;
  visibility: Visibility;
  /** Index terms (stemmed and folded) for SQLite; the query's words are used for PostgreSQL. */
  terms: string[];
  query: string;
  filter: SearchFilter;
  after?: SearchCursor | undefined;
  limit: number;
  /** Above this many matches the order is newest first (see RANK_LIMIT). */
  rankLimit?: number;
}

export interface SearchHit {
  key: number;
  score: number;
  caseId: string;
  title: string;
  parties: string;
  body: string;
  diaryNumber: string;
  caseTitle: string;
  casePublicTitle: string | null;
  status: CaseStatus;
  unitId: string;
  openedOn: string;
}

/** Runs one page of a search; returns the hits (one extra, to tell whether more follow) and the order used. */
export async function runSearch(
  db: Db,
  dialect: Dialect,
  p: SearchParams,
): Promise<{ hits: SearchHit[]; order: SearchOrder }> {
  const backend = dialect === "postgres" ? postgres(p) : sqlite(p);
  if (!backend) return { hits: [], order: "relevance" };
  const rankLimit = p.rankLimit ?? RANK_LIMIT;
  const order =
    p.after?.order ?? ((await countUpTo(db, backend.match, rankLimit)) > rankLimit ? "newest" : "relevance");
  const prefix = p.visibility === "full" ? "full" : "public";
  const score = order === "relevance" ? backend.score : sql<number>`0`;
  const rows = await sql<SearchHit>`
    select s.key as "key", ${score} as "score", s.case_id as "caseId",
      s.${sql.raw(`${prefix}_title`)} as "title", s.${sql.raw(`${prefix}_parties`)} as "parties",
      s.${sql.raw(`${prefix}_body`)} as "body", c.diary_number as "diaryNumber", c.title as "caseTitle",
      c.public_title as "casePublicTitle", c.status as "status", c.unit_id as "unitId", c.opened_on as "openedOn"
    from ${backend.from}
    join cases c on c.id = s.case_id
    where ${backend.where} and s.tenant_id = ${p.tenantId} and ${filters(p)} and ${keyset(order, score, backend.key, p.after)}
    order by ${order === "relevance" ? sql`2 desc, ${backend.key} desc` : sql`${backend.key} desc`}
    limit ${p.limit + 1}`.execute(db);
  return { hits: rows.rows.map((r) => ({ ...r, key: Number(r.key), score: Number(r.score) })), order };
}

interface Backend {
  /** The matching rows' keys, for counting. */
  match: Expression<unknown>;
  from: Expression<unknown>;
  where: Expression<SqlBool>;
  score: Expression<number>;
  /** The row's key as the index can walk it newest first. */
  key: Expression<number>;
}

function sqlite(p: SearchParams): Backend | null {
  if (p.terms.length === 0) return null;
  const table = sql.raw(p.visibility === "full" ? "search_full" : "search_public");
  // Terms are letters and digits only; quoting makes each a plain token for FTS5.
  const expr = p.terms.map((t) => `"${t}"`).join(" ");
  return {
    match: sql`select rowid from ${table} where ${table} match ${expr}`,
    from: sql`${table} f join search_index s on s.key = f.rowid`,
    where: sql<SqlBool>`${table} match ${expr}`,
    // bm25 is lower for better matches; negated so that higher is better on both databases.
    score: sql<number>`-bm25(${table}, 10.0, 4.0, 1.0)`,
    key: sql<number>`f.rowid`,
  };
}

function postgres(p: SearchParams): Backend | null {
  const folded = words(foldDiacritics(p.query)).slice(0, 12);
  if (folded.length === 0) return null;
  const column = sql.raw(p.visibility === "full" ? "full_tsv" : "public_tsv");
  const query = sql`to_tsquery('swedish', ${folded.join(" & ")})`;
  return {
    match: sql`select key from search_index where ${column} @@ ${query}`,
    from: sql`search_index s`,
    where: sql<SqlBool>`s.${column} @@ ${query}`,
    score: sql<number>`ts_rank(s.${column}, ${query})`,
    key: sql<number>`s.key`,
  };
}

async function countUpTo(db: Db, match: Expression<unknown>, limit: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from (${match} limit ${limit + 1}) m`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

function keyset(
  order: SearchOrder,
  score: Expression<number>,
  key: Expression<number>,
  after?: SearchCursor,
): Expression<SqlBool> {
  if (!after) return sql<SqlBool>`1 = 1`;
  if (order === "newest") return sql<SqlBool>`${key} < ${after.key}`;
  return sql<SqlBool>`(${score} < ${after.score} or (${score} = ${after.score} and ${key} < ${after.key}))`;
}

function filters(p: SearchParams): Expression<SqlBool> {
  const f = p.filter;
  const parts = [sql`1 = 1`];
  if (f.registryId) parts.push(sql`c.registry_id = ${f.registryId}`);
  if (f.unitId) parts.push(sql`c.unit_id = ${f.unitId}`);
  if (f.classId) parts.push(sql`c.class_id = ${f.classId}`);
  if (f.year) parts.push(sql`c.year = ${f.year}`);
  if (f.status) parts.push(sql`c.status = ${f.status}`);
  if (f.from) parts.push(sql`c.opened_on >= ${f.from}`);
  if (f.to) parts.push(sql`c.opened_on <= ${f.to}`);
  if (f.direction) {
    // The public see only registered documents (R4), so a draft cannot reveal itself through a filter.
    const registered = p.visibility === "public" ? sql`and d.status = 'registered'` : sql``;
    parts.push(
      sql`exists (select 1 from documents d where d.case_id = c.id and d.direction = ${f.direction} ${registered})`,
    );
  }
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
}
