import fs from "node:fs";
import path from "node:path";
import { schemaDifferences } from "./db-types/compare.ts";
import { migratedPostgres, migratedSqlite } from "./db-types/fresh.ts";
import { introspectSchema } from "./db-types/introspect.ts";
import { renderSchema } from "./db-types/render.ts";

/**
 * `npm run db:types`: migrates a fresh SQLite database and a fresh PostgreSQL schema, checks that
 * they agree and writes their row types to src/platform/db/schema.ts.
 */
const TARGET = path.join(import.meta.dirname, "../src/platform/db/schema.ts");
const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const sqlite = await migratedSqlite();
const postgres = await migratedPostgres(url);
try {
  const fromSqlite = await introspectSchema(sqlite.db, "sqlite");
  const fromPostgres = await introspectSchema(postgres.db, "postgres");
  const differences = schemaDifferences(fromSqlite, fromPostgres);
  if (differences.length > 0) {
    console.error(`The databases disagree:\n${differences.join("\n")}`);
    process.exitCode = 1;
  } else {
    fs.writeFileSync(TARGET, renderSchema(fromSqlite));
    console.log(`wrote ${path.relative(process.cwd(), TARGET)} (${fromSqlite.length} tables)`);
  }
} finally {
  await sqlite.drop();
  await postgres.drop();
}
