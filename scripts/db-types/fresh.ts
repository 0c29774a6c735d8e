import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type Db, openDatabase } from "../../src/platform/db/database.ts";
import { migrateToLatest } from "../../src/platform/db/migrate.ts";

interface FreshDatabase {
  db: Db;
  drop(): Promise<void>;
}

/** A migrated SQLite database in a temporary folder. */
export async function migratedSqlite(): Promise<FreshDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-types-"));
  const open = openDatabase({ databaseUrl: null, dataDir });
  await migrateToLatest(open.db);
  return {
    db: open.db,
    drop: async () => {
      await open.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A migrated throwaway schema in the PostgreSQL database at `url`. */
export async function migratedPostgres(url: string): Promise<FreshDatabase> {
  const schema = `kansli_types_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const open = openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), pgSchema: schema });
  await migrateToLatest(open.db);
  return {
    db: open.db,
    drop: async () => {
      await open.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    },
  };
}
