// Frozen migration: never edit after it has landed; add a new file instead.
import type { Kysely } from "kysely";

/**
 * The audit chain becomes keyed (HMAC-SHA-256 with a key kept outside the database). The head
 * records where the keyed chain starts, sealed with the key. The migration cannot know the key,
 * so the columns start empty: `kansli migrate` fills them (events so far keep their plain
 * hashes), or a new installation's first event does.
 */
const COLUMNS = [
  ["keyed_from_seq", "integer"],
  ["keyed_from_hash", "text"],
  ["keyed_since", "text"],
  ["keyed_seal", "text"],
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite adds only one at a time.
  for (const [name, type] of COLUMNS)
    await db.schema.alterTable("audit_head").addColumn(name, type).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of COLUMNS) await db.schema.alterTable("audit_head").dropColumn(name).execute();
}
