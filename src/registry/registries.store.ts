import type { Selectable } from "kysely";
import { sql } from "kysely";
import type { Db } from "../platform/db/database.ts";
import { cachedRows } from "../platform/db/reference-cache.ts";
import type { RegistryTable } from "../platform/db/schema.ts";
import type { Registry } from "./registries.model.ts";

export type RegistryRow = Selectable<RegistryTable>;

export const toRegistry = (r: RegistryRow): Registry => ({
  id: r.id,
  prefix: r.prefix,
  name: r.name,
  unitId: r.unit_id,
  numberPattern: r.number_pattern,
});

export const findRegistry = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("registries")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** Every registry of the tenant (kept in memory while none changes, see reference-cache.ts). */
export const listRegistries = (db: Db, tenantId: string) =>
  cachedRows(db, "registries", tenantId, () =>
    db.selectFrom("registries").selectAll().where("tenant_id", "=", tenantId).orderBy("prefix").execute(),
  );

export const insertRegistry = (db: Db, row: RegistryRow) => db.insertInto("registries").values(row).execute();

export const updateRegistryPattern = (db: Db, id: string, pattern: string, at: string) =>
  db
    .updateTable("registries")
    .set({ number_pattern: pattern, updated_at: at })
    .where("id", "=", id)
    .execute();

/**
 * The next sequence number of a registry's year. Runs in the transaction that creates the
 * case: the counter row stays locked until commit, so parallel openings get consecutive
 * numbers, and a rolled-back opening gives its number back (no gaps).
 */
export async function nextSeq(trx: Db, registryId: string, year: number): Promise<number> {
  const row = await trx
    .insertInto("diary_counters")
    .values({ registry_id: registryId, year, last_seq: 1 })
    .onConflict((oc) =>
      oc.columns(["registry_id", "year"]).doUpdateSet({ last_seq: sql<number>`diary_counters.last_seq + 1` }),
    )
    .returning("last_seq")
    .executeTakeFirstOrThrow();
  return Number(row.last_seq);
}

/** An imported number moves the counter on past it, so new numbers never collide with it. */
export async function raiseCounter(trx: Db, registryId: string, year: number, seq: number): Promise<void> {
  await trx
    .insertInto("diary_counters")
    .values({ registry_id: registryId, year, last_seq: seq })
    .onConflict((oc) =>
      oc.columns(["registry_id", "year"]).doUpdateSet({
        last_seq: sql<number>`case when excluded.last_seq > diary_counters.last_seq then excluded.last_seq else diary_counters.last_seq end`,
      }),
    )
    .execute();
}

/** The last number given in a registry's year, or undefined when the series has not begun. */
export async function lastSeq(db: Db, registryId: string, year: number): Promise<number | undefined> {
  const row = await db
    .selectFrom("diary_counters")
    .select("last_seq")
    .where("registry_id", "=", registryId)
    .where("year", "=", year)
    .executeTakeFirst();
  return row ? Number(row.last_seq) : undefined;
}
