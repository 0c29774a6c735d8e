/**
 * `node --import tsx bench/explain-search.ts --database-url URL`
 *
 * Runs each search the bench loads (rare, medium and common words, public search) once on a
 * generated PostgreSQL city, records every statement the search sends, and prints
 * `EXPLAIN (ANALYZE, BUFFERS)` of each with its parameters: where the time of a search goes.
 */
import { parseArgs } from "node:util";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import type { Database } from "../src/platform/db/schema.ts";
import { queryTerms } from "../src/platform/search/normalise.ts";
import { runSearch, type Visibility } from "../src/registry/search/search-query.ts";
import { SEARCH_WORDS } from "./city.ts";

const { values: args } = parseArgs({ options: { "database-url": { type: "string" } } });
const databaseUrl = args["database-url"];
if (!databaseUrl) throw new Error("--database-url is required");
const { tenantId } = loadConfig({ DATABASE_URL: databaseUrl, KANSLI_LOG_LEVEL: "silent" });

const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
const sent: { sql: string; parameters: readonly unknown[] }[] = [];
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (event.level === "query") sent.push({ sql: event.query.sql, parameters: event.query.parameters });
  },
});

const searches: { name: string; query: string; visibility: Visibility }[] = [
  ...(["rare", "medium", "common"] as const).map((kind) => ({
    name: `search, ${kind} words ("${SEARCH_WORDS[kind]}")`,
    query: SEARCH_WORDS[kind],
    visibility: "full" as const,
  })),
  { name: `public search ("${SEARCH_WORDS.common}")`, query: SEARCH_WORDS.common, visibility: "public" },
];

try {
  for (const s of searches) {
    sent.length = 0;
    const { order, hits } = await runSearch(db, "postgres", {
      tenantId,
      visibility: s.visibility,
      terms: queryTerms(s.query),
      query: s.query,
      filter: {},
      limit: 20,
    });
    process.stdout.write(`\n## ${s.name}: ${order}, ${hits.length} hits, ${sent.length} statements\n`);
    for (const statement of [...sent]) {
      // An estimate the search asks for is itself an EXPLAIN: shown as it was answered.
      if (statement.sql.trimStart().startsWith("explain")) {
        const estimate = await pool.query(statement.sql, [...statement.parameters]);
        const rows = JSON.stringify(estimate.rows[0]?.["QUERY PLAN"]?.[0]?.Plan?.["Plan Rows"]);
        process.stdout.write(`\n${statement.sql.replace(/\s+/g, " ")}\n  estimated rows: ${rows}\n`);
        continue;
      }
      const plan = await pool.query(`explain (analyze, buffers) ${statement.sql}`, [...statement.parameters]);
      process.stdout.write(`\n${statement.sql.replace(/\s+/g, " ")}\n`);
      for (const row of plan.rows) process.stdout.write(`  ${row["QUERY PLAN"]}\n`);
    }
  }
} finally {
  await db.destroy();
}
