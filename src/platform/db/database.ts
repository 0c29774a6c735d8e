import fs from "node:fs";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { fixedStatementName } from "./fixed-query.ts";
import type { Database } from "./schema.ts";

export type Db = Kysely<Database>;
export type Dialect = "sqlite" | "postgres";

export interface OpenDatabase {
  db: Db;
  dialect: Dialect;
  /** The SQLite handle, for online backup; null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  close(): Promise<void>;
}

export interface DatabaseTarget {
  databaseUrl: string | null;
  dataDir: string;
  /** PostgreSQL schema to work in (tests give each file its own). */
  pgSchema?: string;
}

// COUNT(*) and BIGINT come back from pg as strings; every count we take fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, "kansli.sqlite");
}

export function openDatabase(target: DatabaseTarget): OpenDatabase {
  if (target.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: target.databaseUrl,
      max: 10,
      ...(target.pgSchema ? { options: `-c search_path=${target.pgSchema}` } : {}),
    });
    pool.on("connect", prepareFixedQueries);
    // An idle pooled connection that the server ends (a restart, a dropped database) raises an
    // error with no request to answer; the pool has already let it go and opens a new one when
    // needed. Without a listener Node would throw it and stop the process.
    pool.on("error", () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", sqlite: null, close: () => db.destroy() };
  }
  fs.mkdirSync(target.dataDir, { recursive: true });
  const sqlite = new SqliteDatabase(sqliteFile(target.dataDir));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: "sqlite", sqlite, close: () => db.destroy() };
}

const STATEMENTS = 1000;

/**
 * Kysely prepares every query anew, and preparing costs more than running a simple query (a
 * tenth of a page's time). better-sqlite3 statements are reusable and run synchronously, so a
 * statement per distinct SQL text is kept (the oldest dropped past STATEMENTS). Nothing here
 * iterates a statement lazily, which is the one use a shared statement would not allow.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === "prepare")
        return (source: string) => {
          let statement = cache.get(source);
          if (!statement) {
            statement = target.prepare(source);
            if (cache.size >= STATEMENTS) cache.delete(cache.keys().next().value as string);
            cache.set(source, statement);
          }
          return statement;
        };
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * On a PostgreSQL connection, the SQL of a fixed query (fixed-query.ts) goes as a named statement:
 * the connection parses and plans it on first use and then only binds new values, as SQLite's
 * statement cache does. Other SQL goes as it came. Kysely sends every query as (text, values).
 */
function prepareFixedQueries(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values: unknown, ...rest: unknown[]) => {
    const name = typeof text === "string" && Array.isArray(values) ? fixedStatementName(text) : undefined;
    return name ? query({ name, text, values }, ...rest) : query(text, values, ...rest);
  }) as typeof client.query;
}

/** PostgreSQL can lock single rows (`FOR UPDATE`); SQLite serialises writers instead. */
export function hasRowLocks(db: Pick<Db, "getExecutor">): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
