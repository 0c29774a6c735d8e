import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import {
  type DatabaseTarget,
  type Db,
  type OpenDatabase,
  openDatabase,
} from "../../src/platform/db/database.ts";
import { migrateTo, migrateToLatest } from "../../src/platform/db/migrate.ts";
import type { Database } from "../../src/platform/db/schema.ts";

/** The audit key every test app and test CLI run uses (PostgreSQL refuses to run without one). */
export const TEST_AUDIT_KEY = "kansli-test-audit-key-0123456789abcdef";

/** Which database this test run uses: the same tests run once per dialect. */
export const TEST_DIALECT = process.env.KANSLI_TEST_DIALECT === "postgres" ? "postgres" : "sqlite";

export interface TestDatabase {
  target: DatabaseTarget;
  open: OpenDatabase;
  /** Runs raw SQL as the database owner (to play an attacker with direct access). */
  raw(sql: string): Promise<void>;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database: a SQLite file in a temp folder, or a new PostgreSQL schema;
 * `upTo` stops after that migration, for a test of the next one.
 */
export async function createTestDatabase(
  options: { pgDatabaseUrl?: string; upTo?: string } = {},
): Promise<TestDatabase> {
  const migrate = (db: Db) => (options.upTo ? migrateTo(db, options.upTo) : migrateToLatest(db));
  if (TEST_DIALECT === "postgres" && options.pgDatabaseUrl) return inPgDatabase(options.pgDatabaseUrl);
  if (TEST_DIALECT === "postgres") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("KANSLI_TEST_DIALECT=postgres needs TEST_DATABASE_URL");
    const schema = `kansli_test_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-test-"));
    const target: DatabaseTarget = { databaseUrl: url, dataDir, pgSchema: schema };
    const open = openDatabase(target);
    await migrate(open.db);
    return {
      target,
      open,
      raw: async (sql) => {
        await admin.query(`set search_path to ${schema}`);
        await admin.query(sql);
      },
      drop: async () => {
        await open.close();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-test-"));
  const target: DatabaseTarget = { databaseUrl: null, dataDir };
  const open = openDatabase(target);
  await migrate(open.db);
  return {
    target,
    open,
    raw: async (sql) => {
      open.sqlite?.exec(sql);
    },
    drop: async () => {
      await open.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A migrated database that is a whole PostgreSQL database of its own, not a schema: the seeded
 * template that test apps are copied from (test/helpers/seeded-copies.ts). Its owner drops it.
 */
async function inPgDatabase(url: string): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-test-"));
  const target: DatabaseTarget = { databaseUrl: url, dataDir };
  const open = openDatabase(target);
  await migrateToLatest(open.db);
  const raw = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  return {
    target,
    open,
    raw,
    drop: async () => {
      await open.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** How many rows a table holds: what a refused or repeated step must leave unchanged. */
export async function rowCount(db: Db, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
