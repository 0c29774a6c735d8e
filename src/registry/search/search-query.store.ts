import { type Expression, type SqlBool, sql } from "kysely";
import type { Db, Dialect } from "../../platform/db/database.ts";
import { foldDiacritics, words } from "../../platform/search/normalise.ts";
import { PART_SPAN } from "./search-parts.ts";
import type { SearchHit, SearchParams, Text, Visibility } from "./search-query.ts";

/** The matching rows of the index for a search, on this database; null when nothing can match. */
export const searchBackend = (dialect: Dialect, p: SearchParams): Backend | null =>
  dialect === "postgres" ? postgres(p) : sqlite(p);

/**
 * A table that holds matching rows of the index (case rows, parts or both), as the queries
 * below use it: joined to the case's search row `s`, each row known by its part key.
 */
interface Source {
  /** Which text of the index the table holds. */
  text: Text;
  /** The table alone with its match condition, for counting. */
  matches: Expression<unknown>;
  /** The table joined to `s`. */
  from: Expression<unknown>;
  where: Expression<SqlBool>;
  part: Expression<number>;
  score: Expression<number>;
  /** The column the table's primary key walks in the same order as `part`. */
  walk: Expression<number>;
  /** Rows whose part key is below `before`, said on `walk` so the index can seek there. */
  below: (before: number) => Expression<SqlBool>;
  /** Rows whose part key is at least `floor`, likewise. */
  above: (floor: number) => Expression<SqlBool>;
}

export interface Backend {
  sources: Source[];
  /** One row per case (`key`, its best `part` and that part's `score`) from scored rows. */
  best: (scored: Expression<unknown>) => Expression<unknown>;
}

const SPAN = sql.lit(PART_SPAN);

/** The cases whose full text this search may read, as a condition on `c`. */
function insiders(v: Visibility): Expression<SqlBool> {
  if (v === "full") return sql<SqlBool>`1 = 1`;
  if (v === "public") return sql<SqlBool>`1 = 0`;
  // coalesce: a case without an officer must give false, not null, or `not` would drop it too.
  const own = sql<SqlBool>`coalesce(c.officer_id, '') = ${v.officerId}`;
  return v.unitId === null ? own : sql<SqlBool>`(c.unit_id = ${v.unitId} or ${own})`;
}

/** The texts a visibility reads; for an officer the public text of other cases comes first (see `newest`). */
const textsOf = (v: Visibility): Text[] => (v === "full" || v === "public" ? [v] : ["public", "full"]);

/** A column of the case's search row in the text the reader may see of that case. */
function shown(p: SearchParams, column: "title" | "parties" | "body") {
  const [full, pub] = [sql.raw(`s.full_${column}`), sql.raw(`s.public_${column}`)];
  if (p.visibility === "full") return full;
  if (p.visibility === "public") return pub;
  return sql`case when ${insiders(p.visibility)} then ${full} else ${pub} end`;
}

const hitColumns = (p: SearchParams) =>
  sql`s.case_id as "caseId", ${shown(p, "title")} as "title", ${shown(p, "parties")} as "parties",
    ${shown(p, "body")} as "body", c.diary_number as "diaryNumber", c.title as "caseTitle",
    c.public_title as "casePublicTitle", c.status as "status", c.unit_id as "unitId",
    c.opened_on as "openedOn", ${insiders(p.visibility)} as "full"`;

/**
 * The rows of a source that the search may return: this tenant's, passing the filters, and for an
 * officer's search full-text rows only of their cases and public rows only of the others, so no
 * case is found by words its reader may not see. The condition is part of the SQL, so a page
 * never fetches rows it would then throw away.
 */
const allowed = (source: Source, p: SearchParams) => {
  const mixed = typeof p.visibility === "object";
  const scope = !mixed
    ? sql``
    : source.text === "full"
      ? sql`and ${insiders(p.visibility)}`
      : sql`and not ${insiders(p.visibility)}`;
  const conditions = filters(p, source.text);
  // The case is joined only when a condition reads it: joining every match before a page is cut
  // costs an index lookup per match (250 ms for a thousand matches on a large PostgreSQL register).
  const cases = mixed || conditions.length > 0 ? sql`join cases c on c.id = s.case_id` : sql``;
  const filtered = conditions.length > 0 ? sql`and ${sql.join(conditions, sql` and `)}` : sql``;
  return sql`${source.from} ${cases}
    where ${source.where} and s.tenant_id = ${p.tenantId} ${filtered} ${scope}`;
};

/** Ranked by score, then newest: every match is scored (there are at most RANK_LIMIT of them). */
export async function rankedHits(db: Db, backend: Backend, p: SearchParams): Promise<SearchHit[]> {
  const scored = sql.join(
    backend.sources.map(
      (source) => sql`select ${source.part} as part, ${source.score} as score from ${allowed(source, p)}`,
    ),
    sql` union all `,
  );
  const after = p.after
    ? sql`where b.score < ${p.after.score} or (b.score = ${p.after.score} and b.key < ${p.after.key})`
    : sql``;
  const rows = await sql<SearchHit>`
    select b.key as "key", b.score as "score", b.part as "part", ${hitColumns(p)}
    from (${backend.best(scored)}) b
    join search_index s on s.key = b.key
    join cases c on c.id = s.case_id
    ${after}
    order by b.score desc, b.key desc
    limit ${p.limit + 1}`.execute(db);
  return rows.rows.map(numbers);
}

/** One chunk of a source's rows, newest first: below the part key `before`, at or above `floor`. */
export async function walkSource(
  db: Db,
  source: Source,
  p: SearchParams,
  before: number | null,
  floor: number | undefined,
  chunk: number,
): Promise<SearchHit[]> {
  const below = before === null ? sql`` : sql`and ${source.below(before)}`;
  const above = floor === undefined ? sql`` : sql`and ${source.above(floor)}`;
  // The chunk is cut from the matches alone, and only its rows are joined to their cases.
  const walked = await sql<SearchHit>`
    select w.part / ${SPAN} as "key", 0 as "score", w.part as "part", ${hitColumns(p)}
    from (select ${source.part} as part from ${allowed(source, p)} ${below} ${above}
      order by ${source.walk} desc
      limit ${chunk}) w
    join search_index s on s.key = w.part / ${SPAN}
    join cases c on c.id = s.case_id
    order by w.part desc`.execute(db);
  return walked.rows.map(numbers);
}

const numbers = (r: SearchHit): SearchHit => ({
  ...r,
  key: Number(r.key),
  score: Number(r.score),
  part: Number(r.part),
  full: Boolean(Number(r.full)),
});

/** SQLite: one FTS5 table per text holds case rows and parts, its rowid the part key. */
function sqlite(p: SearchParams): Backend | null {
  if (p.terms.length === 0) return null;
  // Terms are letters and digits only; quoting makes each a plain token for FTS5.
  const expr = p.terms.map((t) => `"${t}"`).join(" ");
  const source = (text: Text): Source => {
    const table = sql.raw(text === "full" ? "search_full" : "search_public");
    return {
      text,
      matches: sql`select rowid from ${table} where ${table} match ${expr}`,
      from: sql`${table} f join search_index s on s.key = f.rowid / ${SPAN}`,
      where: sql<SqlBool>`${table} match ${expr}`,
      part: sql<number>`f.rowid`,
      // bm25 is lower for better matches; negated so that higher is better on both databases.
      score: sql<number>`-bm25(${table}, 10.0, 4.0, 1.0)`,
      walk: sql<number>`f.rowid`,
      below: (before) => sql<SqlBool>`f.rowid < ${before}`,
      above: (floor) => sql<SqlBool>`f.rowid >= ${floor}`,
    };
  };
  return {
    sources: textsOf(p.visibility).map(source),
    // bm25 can be computed only while FTS5 reads its rows, so they are scored first, then grouped.
    // With one max() in a query, SQLite takes the other columns from the row that has it.
    best: (scored) => sql`with m as materialized (${scored})
      select part / ${SPAN} as key, part, max(score) as score from m group by part / ${SPAN}`,
  };
}

/** PostgreSQL: case rows in search_index (a vector per visibility), parts in search_parts. */
function postgres(p: SearchParams): Backend | null {
  const folded = words(foldDiacritics(p.query)).slice(0, 12);
  if (folded.length === 0) return null;
  const query = sql`to_tsquery('swedish', ${folded.join(" & ")})`;
  const caseRows = (text: Text): Source => {
    const column = sql.raw(text === "full" ? "full_tsv" : "public_tsv");
    return {
      text,
      matches: sql`select key from search_index where ${column} @@ ${query}`,
      from: sql`search_index s`,
      where: sql<SqlBool>`s.${column} @@ ${query}`,
      part: sql<number>`s.key * ${SPAN}`,
      score: sql<number>`ts_rank(s.${column}, ${query})`,
      walk: sql<number>`s.key`,
      below: (before) => sql<SqlBool>`s.key < ${Math.ceil(before / PART_SPAN)}`,
      above: (floor) => sql<SqlBool>`s.key >= ${Math.floor(floor / PART_SPAN)}`,
    };
  };
  const parts: Source = {
    text: "full",
    matches: sql`select key from search_parts where tsv @@ ${query}`,
    from: sql`search_parts p join search_index s on s.case_id = p.case_id`,
    where: sql<SqlBool>`p.tsv @@ ${query}`,
    part: sql<number>`p.key`,
    score: sql<number>`ts_rank(p.tsv, ${query})`,
    walk: sql<number>`p.key`,
    below: (before) => sql<SqlBool>`p.key < ${before}`,
    above: (floor) => sql<SqlBool>`p.key >= ${floor}`,
  };
  const texts = textsOf(p.visibility);
  return {
    // File text is part of the full text only: the public search has no parts.
    sources: [...texts.map(caseRows), ...(texts.includes("full") ? [parts] : [])],
    best: (scored) => sql`select distinct on (part / ${SPAN}) part / ${SPAN} as key, part, score
      from (${scored}) r order by part / ${SPAN}, score desc`,
  };
}

const allMatches = (backend: Backend) =>
  sql.join(
    backend.sources.map((s) => s.matches),
    sql` union all `,
  );

export async function countMatches(db: Db, backend: Backend, limit: number): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*) as n from (${allMatches(backend)} limit ${limit + 1}) m`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * PostgreSQL: how many rows the planner expects the search to match, from the statistics ANALYZE
 * keeps of each word's share of the vectors (most_common_elems), without reading the index. A
 * plan, not a count: near the rank limit only a count can tell.
 */
export async function estimateMatches(db: Db, backend: Backend): Promise<number> {
  const r = await sql<{ "QUERY PLAN": string | { Plan: { "Plan Rows": number } }[] }>`explain (format json)
    ${allMatches(backend)}`.execute(db);
  const plan = r.rows[0]?.["QUERY PLAN"];
  const parsed: { Plan: { "Plan Rows": number } }[] =
    typeof plan === "string" ? JSON.parse(plan) : (plan ?? []);
  return parsed[0]?.Plan["Plan Rows"] ?? 0;
}

/** The conditions of the search's filters on the case `c` (none when no filter is set). */
function filters(p: SearchParams, text: Text): Expression<SqlBool>[] {
  const f = p.filter;
  const parts: Expression<SqlBool>[] = [];
  if (f.registryId) parts.push(sql`c.registry_id = ${f.registryId}`);
  if (f.unitId) parts.push(sql`c.unit_id = ${f.unitId}`);
  if (f.classId) parts.push(sql`c.class_id = ${f.classId}`);
  if (f.year) parts.push(sql`c.year = ${f.year}`);
  if (f.status) parts.push(sql`c.status = ${f.status}`);
  if (f.from) parts.push(sql`c.opened_on >= ${f.from}`);
  if (f.to) parts.push(sql`c.opened_on <= ${f.to}`);
  if (f.direction) {
    // The public see only registered documents (R4), so a draft cannot reveal itself through a filter.
    const registered = text === "public" ? sql`and d.status = 'registered'` : sql``;
    parts.push(
      sql`exists (select 1 from documents d where d.case_id = c.id and d.direction = ${f.direction} ${registered})`,
    );
  }
  return parts;
}
