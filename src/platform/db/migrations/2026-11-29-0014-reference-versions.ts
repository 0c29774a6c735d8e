// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

/** Each cached reference list and the tables whose changes change it. */
const LISTS: Record<string, string[]> = {
  units: ["units"],
  registries: ["registries"],
  classes: ["classes", "classification_schemes"],
};

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // One counter per reference list, bumped by the database on every write to its tables, so a
  // process that keeps a list in memory can ask cheaply whether it is still current.
  await db.schema
    .createTable("reference_versions")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("version", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
  await db
    .insertInto("reference_versions")
    .values(Object.keys(LISTS).map((name) => ({ name, version: 0 })))
    .execute();
  if (isPostgres(db)) {
    await sql`create function kansli_bump_reference_version() returns trigger language plpgsql as $$
      begin
        update reference_versions set version = version + 1 where name = tg_argv[0];
        return null;
      end $$`.execute(db);
  }
  for (const [list, tables] of Object.entries(LISTS))
    for (const table of tables) {
      if (isPostgres(db)) {
        await sql`create trigger ${sql.raw(`${table}_reference_version`)}
          after insert or update or delete on ${sql.table(table)}
          for each statement execute function kansli_bump_reference_version(${sql.lit(list)})`.execute(db);
      } else {
        for (const event of ["insert", "update", "delete"])
          await sql`create trigger ${sql.raw(`${table}_${event}_reference_version`)}
            after ${sql.raw(event)} on ${sql.table(table)}
            begin update reference_versions set version = version + 1 where name = ${sql.lit(list)}; end`.execute(
            db,
          );
      }
    }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  for (const tables of Object.values(LISTS))
    for (const table of tables) {
      if (isPostgres(db))
        await sql`drop trigger ${sql.raw(`${table}_reference_version`)} on ${sql.table(table)}`.execute(db);
      else
        for (const event of ["insert", "update", "delete"])
          await sql`drop trigger ${sql.raw(`${table}_${event}_reference_version`)}`.execute(db);
    }
  if (isPostgres(db)) await sql`drop function kansli_bump_reference_version()`.execute(db);
  await db.schema.dropTable("reference_versions").execute();
}
