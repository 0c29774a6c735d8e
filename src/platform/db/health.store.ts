import { sql } from "kysely";
import type { Db } from "./database.ts";
import { pendingMigrations } from "./migrate.ts";

/** The migrations the database still lacks; throws if the database does not answer. */
export async function migrationsPendingOnLiveDatabase(db: Db): Promise<string[]> {
  await sql`select 1`.execute(db);
  return pendingMigrations(db);
}
