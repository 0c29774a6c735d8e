import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type DatabaseTarget, openDatabase } from "../../src/platform/db/database.ts";
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from "./database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Names this run's seeded databases, so the global teardown can remove them (test/helpers/global-setup.ts). */
    seededRun: string;
  }
}

/**
 * Seeding the demo takes seconds (Word files, the import's OCR repair, hundreds of audited steps),
 * and most test files need the same demo on the same day. So the first test app of a kind is built
 * the slow way, by migrating and seeding, and kept as a template; every later one of that kind is
 * a copy of it: the SQLite file and stored files copied, or a PostgreSQL database created from the
 * template database. A kind is the clock's day (its exact instant for a test's own clock) and the
 * configuration, so a copy holds exactly what seeding would have written.
 */
export interface SeededKind {
  /** The instant the demo is seeded at; for the system clock only its day matters. */
  clockKey: string;
  env: Record<string, string>;
}

export const templatesRoot = (run: string) => path.join(os.tmpdir(), `kansli-seeded-${run}`);
export const pgTemplateName = (run: string, hash: string) => `kansli_seed_${run}_${hash}`;

const runId = (): string | null => {
  try {
    return inject("seededRun") ?? null;
  } catch {
    return null;
  }
};

const kindHash = (kind: SeededKind) =>
  crypto
    .createHash("sha256")
    .update(JSON.stringify([TEST_DIALECT, kind.clockKey, Object.entries(kind.env).sort()]))
    .digest("hex")
    .slice(0, 12);

const urlOf = (base: string, database: string) => {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
};

/** Runs SQL on the server's maintenance database (CREATE/DROP DATABASE cannot run in the one it names). */
export async function onPgServer<T>(base: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A database holding the demo of `kind`: a copy of this run's template, built first with `build`
 * when there is none (a build that loses a race to another worker is thrown away). Without a run
 * (a test started outside vitest's projects) every database is built the slow way.
 */
export async function seededDatabase(
  kind: SeededKind,
  build: (database: TestDatabase) => Promise<void>,
): Promise<TestDatabase> {
  const run = runId();
  if (run === null) {
    const database = await createTestDatabase();
    await build(database);
    return database;
  }
  const hash = kindHash(kind);
  const filesDir = path.join(templatesRoot(run), hash);
  if (TEST_DIALECT === "postgres") return pgCopy(run, hash, filesDir, build);
  return sqliteCopy(filesDir, build);
}

async function sqliteCopy(templateDir: string, build: (database: TestDatabase) => Promise<void>) {
  if (!fs.existsSync(templateDir)) {
    const database = await createTestDatabase();
    await build(database);
    await keepAsTemplate(database, templateDir);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-test-"));
  fs.cpSync(templateDir, dataDir, { recursive: true });
  const target: DatabaseTarget = { databaseUrl: null, dataDir };
  const open = openDatabase(target);
  return {
    target,
    open,
    raw: async (sql: string) => {
      open.sqlite?.exec(sql);
    },
    drop: async () => {
      await open.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Closes a built database and moves its folder (SQLite file and stored files) into place. */
async function keepAsTemplate(database: TestDatabase, templateDir: string) {
  await database.open.close();
  fs.mkdirSync(path.dirname(templateDir), { recursive: true });
  try {
    fs.renameSync(database.target.dataDir, templateDir);
  } catch {
    fs.rmSync(database.target.dataDir, { recursive: true, force: true });
  }
}

async function pgCopy(
  run: string,
  hash: string,
  filesDir: string,
  build: (database: TestDatabase) => Promise<void>,
): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("KANSLI_TEST_DIALECT=postgres needs TEST_DATABASE_URL");
  const template = pgTemplateName(run, hash);
  const exists = async () =>
    onPgServer(
      base,
      async (c) => (await c.query("select 1 from pg_database where datname = $1", [template])).rowCount === 1,
    );
  if (!(await exists())) {
    const building = `kansli_build_${crypto.randomBytes(6).toString("hex")}`;
    await onPgServer(base, (c) => c.query(`create database ${building}`));
    const database = await createTestDatabase({ pgDatabaseUrl: urlOf(base, building) });
    await build(database);
    await database.open.close();
    fs.mkdirSync(path.dirname(filesDir), { recursive: true });
    await onPgServer(base, async (c) => {
      try {
        await c.query(`alter database ${building} rename to ${template}`);
        fs.renameSync(database.target.dataDir, filesDir);
      } catch {
        await c.query(`drop database if exists ${building} with (force)`);
      }
    });
  }
  const name = `kansli_test_${crypto.randomBytes(6).toString("hex")}`;
  await createFromTemplate(base, name, template);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-test-"));
  fs.cpSync(filesDir, dataDir, { recursive: true });
  const target: DatabaseTarget = { databaseUrl: urlOf(base, name), dataDir };
  const open = openDatabase(target);
  const database: TestDatabase = {
    target,
    open,
    raw: async (sql) => {
      await onPgServer(urlOf(base, name), (c) => c.query(sql));
    },
    drop: async () => {
      await open.close();
      await onPgServer(base, (c) => c.query(`drop database if exists ${name} with (force)`));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return database;
}

/** CREATE DATABASE … TEMPLATE refuses while another copy is being made of it: wait and try again. */
async function createFromTemplate(base: string, name: string, template: string) {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await onPgServer(base, (c) => c.query(`create database ${name} template ${template}`));
      return;
    } catch (e) {
      if (attempt >= 50 || !/being accessed by other users/.test(String(e))) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
}
