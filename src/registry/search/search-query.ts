import { type Expression, type SqlBool, sql } from "kysely";
import type { Db, Dialect } from "../../platform/db/database.ts";
import { foldDiacritics, words } from "../../platform/search/normalise.ts";
import type { CaseStatus } from "../cases.model.ts";
import type { Direction } from "../documents.model.ts";
import { PART_SPAN } from "./search-parts.ts";

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

/** Keyset position: the last case's score (relevance) and key. */
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
  /** The case's key in the index. */
  key: number;
  score: number;
  /** The case row or part that matched best (relevance) or is newest (newest first). */
  part: number;
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
    p.after?.order ??
    ((await countUpTo(db, backend.rows(false), rankLimit)) > rankLimit ? "newest" : "relevance");
  const hits = order === "relevance" ? await ranked(db, backend, p) : await newest(db, backend, p);
  return { hits, order };
}

/** Matching rows of the index: case rows and parts, each as `part` (its key) and `score`. */
interface Backend {
  rows: (scored: boolean) => Expression<unknown>;
  /** One row per case: its best part and score (a case's parts may all match). */
  best: Expression<unknown>;
}

const SPAN = sql.lit(PART_SPAN);

const hitColumns = (p: SearchParams) => {
  const prefix = p.visibility === "full" ? "full" : "public";
  return sql`s.case_id as "caseId", s.${sql.raw(`${prefix}_title`)} as "title",
    s.${sql.raw(`${prefix}_parties`)} as "parties", s.${sql.raw(`${prefix}_body`)} as "body",
    c.diary_number as "diaryNumber", c.title as "caseTitle", c.public_title as "casePublicTitle",
    c.status as "status", c.unit_id as "unitId", c.opened_on as "openedOn"`;
};

/** Ranked by score, then newest: every match is scored (there are at most RANK_LIMIT of them). */
async function ranked(db: Db, backend: Backend, p: SearchParams): Promise<SearchHit[]> {
  const after = p.after
    ? sql`and (b.score < ${p.after.score} or (b.score = ${p.after.score} and b.key < ${p.after.key}))`
    : sql``;
  const rows = await sql<SearchHit>`
    select b.key as "key", b.score as "score", b.part as "part", ${hitColumns(p)}
    from (${backend.best}) b
    join search_index s on s.key = b.key
    join cases c on c.id = s.case_id
    where s.tenant_id = ${p.tenantId} and ${filters(p)} ${after}
    order by b.score desc, b.key desc
    limit ${p.limit + 1}`.execute(db);
  return rows.rows.map(numbers);
}

/**
 * Newest case first: the index is walked down its keys and stops once a page of cases is found.
 * A case may match in several parts, so the walk reads a few rows per case and keeps each case
 * once; a case's parts are adjacent keys, so no case comes back on a later page.
 */
async function newest(db: Db, backend: Backend, p: SearchParams): Promise<SearchHit[]> {
  const want = p.limit + 1;
  const chunk = want * 4;
  const hits: SearchHit[] = [];
  let before = p.after ? p.after.key * PART_SPAN : null;
  for (;;) {
    const below = before === null ? sql`` : sql`and m.part < ${before}`;
    const rows = (
      await sql<SearchHit>`
        select m.part / ${SPAN} as "key", 0 as "score", m.part as "part", ${hitColumns(p)}
        from (${backend.rows(false)}) m
        join search_index s on s.key = m.part / ${SPAN}
        join cases c on c.id = s.case_id
        where s.tenant_id = ${p.tenantId} and ${filters(p)} ${below}
        order by m.part desc
        limit ${chunk}`.execute(db)
    ).rows.map(numbers);
    for (const row of rows) {
      if (hits.at(-1)?.key !== row.key) hits.push(row);
      if (hits.length === want) return hits;
    }
    const last = rows.at(-1);
    if (rows.length < chunk || !last) return hits;
    before = last.part;
  }
}

const numbers = (r: SearchHit): SearchHit => ({
  ...r,
  key: Number(r.key),
  score: Number(r.score),
  part: Number(r.part),
});

function sqlite(p: SearchParams): Backend | null {
  if (p.terms.length === 0) return null;
  const table = sql.raw(p.visibility === "full" ? "search_full" : "search_public");
  // Terms are letters and digits only; quoting makes each a plain token for FTS5.
  const expr = p.terms.map((t) => `"${t}"`).join(" ");
  // bm25 is lower for better matches; negated so that higher is better on both databases.
  const rows = (scored: boolean) =>
    sql`select rowid as part, ${scored ? sql`-bm25(${table}, 10.0, 4.0, 1.0)` : sql`0`} as score
      from ${table} where ${table} match ${expr}`;
  return {
    rows,
    // bm25 can be computed only while FTS5 reads its rows, so they are scored first, then grouped.
    // With one max() in a query, SQLite takes the other columns from the row that has it.
    best: sql`with m as materialized (${rows(true)})
      select part / ${SPAN} as key, part, max(score) as score from m group by part / ${SPAN}`,
  };
}

function postgres(p: SearchParams): Backend | null {
  const folded = words(foldDiacritics(p.query)).slice(0, 12);
  if (folded.length === 0) return null;
  const query = sql`to_tsquery('swedish', ${folded.join(" & ")})`;
  const rows = (scored: boolean) => {
    const score = (column: string) => (scored ? sql`ts_rank(${sql.raw(column)}, ${query})` : sql`0`);
    if (p.visibility === "public")
      return sql`select key * ${SPAN} as part, ${score("public_tsv")} as score
        from search_index where public_tsv @@ ${query}`;
    return sql`select key * ${SPAN} as part, ${score("full_tsv")} as score
        from search_index where full_tsv @@ ${query}
      union all
      select key as part, ${score("tsv")} as score from search_parts where tsv @@ ${query}`;
  };
  return {
    rows,
    best: sql`select distinct on (part / ${SPAN}) part / ${SPAN} as key, part, score
      from (${rows(true)}) r order by part / ${SPAN}, score desc`,
  };
}

async function countUpTo(db: Db, match: Expression<unknown>, limit: number): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from (${match} limit ${limit + 1}) m`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
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
