import { type Kysely, PostgresAdapter } from "kysely";

/** Frozen helper for migrations: which database a migration runs on. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
