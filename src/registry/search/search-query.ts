import type { Db, Dialect } from "../../platform/db/database.ts";
import type { CaseStatus } from "../cases.model.ts";
import type { Direction } from "../documents.model.ts";
import { PART_SPAN } from "./search-parts.ts";
import {
  type Backend,
  countMatches,
  estimateMatches,
  rankedHits,
  searchBackend,
  walkSource,
} from "./search-query.store.ts";

/**
 * Which text of the index a search reads: `"full"` everything (registry staff), `"public"` what the
 * public register shows, or for an officer (issue 14) the full text of the cases they are insiders
 * of — their own and their unit's — and the public text of every other case.
 */
export type Visibility = "full" | "public" | { officerId: string; unitId: string | null };

/** The two texts of the index. */
export type Text = "full" | "public";

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

/**
 * Counting up to RANK_LIMIT matches costs PostgreSQL a bitmap of every match of the word (GIN
 * keeps no order to stop early in): 30–160 ms for a word in a tenth of a million cases. When its
 * statistics expect this many times the limit, there is no count and the order is newest first.
 */
const SURELY_ABOVE = 10;

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
  /** The hit is from the case's full text (its title and texts are the insiders'). */
  full: boolean;
}

/** Runs one page of a search; returns the hits (one extra, to tell whether more follow) and the order used. */
export async function runSearch(
  db: Db,
  dialect: Dialect,
  p: SearchParams,
): Promise<{ hits: SearchHit[]; order: SearchOrder }> {
  const backend = searchBackend(dialect, p);
  if (!backend) return { hits: [], order: "relevance" };
  const order = p.after?.order ?? (await chooseOrder(db, dialect, backend, p.rankLimit ?? RANK_LIMIT));
  const hits = order === "relevance" ? await rankedHits(db, backend, p) : await newest(db, backend, p);
  return { hits, order };
}

/** Relevance when at most `rankLimit` rows match, else newest first. */
async function chooseOrder(
  db: Db,
  dialect: Dialect,
  backend: Backend,
  rankLimit: number,
): Promise<SearchOrder> {
  // The floor keeps small registers (and tests with a small limit) on the exact count.
  const surely = SURELY_ABOVE * Math.max(rankLimit, RANK_LIMIT);
  if (dialect === "postgres" && (await estimateMatches(db, backend)) > surely) return "newest";
  return (await countMatches(db, backend, rankLimit)) > rankLimit ? "newest" : "relevance";
}

/**
 * Newest case first: each source is walked down its key and stops after a chunk of rows, so a
 * word found in most cases costs one chunk, not all its matches. A case may match in several
 * parts, so a chunk holds a few rows per wanted case and each case is kept once; a case's parts
 * are adjacent keys, so no case comes back on a later page.
 */
async function newest(db: Db, backend: Backend, p: SearchParams): Promise<SearchHit[]> {
  const want = p.limit + 1;
  const chunk = want * 4;
  const hits: SearchHit[] = [];
  let before = p.after ? p.after.key * PART_SPAN : null;
  for (;;) {
    // The sources are walked one after another: once earlier walks have a chunk of rows, a later
    // walk needs only rows above the lowest of them, so a source whose matches lie far below (an
    // officer's own cases among a million others) costs a short seek, not a walk to its end.
    const rows: SearchHit[] = [];
    for (const source of backend.sources) {
      const floor = rows.length >= chunk ? rows[chunk - 1]?.part : undefined;
      const walked = await walkSource(db, source, p, before, floor, chunk);
      rows.push(...walked);
      rows.sort((a, b) => b.part - a.part);
      rows.splice(chunk);
    }
    for (const row of rows) {
      if (hits.at(-1)?.key !== row.key) hits.push(row);
      if (hits.length === want) return hits;
    }
    const last = rows.at(-1);
    if (rows.length < chunk || !last) return hits;
    before = last.part;
  }
}
