import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import { cachedRows } from "../platform/db/reference-cache.ts";
import type { UnitTable } from "../platform/db/schema.ts";
import type { Unit, UnitType } from "./units.model.ts";

export type UnitRow = Selectable<UnitTable>;

export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  type: r.type,
  parentId: r.parent_id,
  email: r.email,
  functionalMailbox: r.functional_mailbox,
  phone: r.phone,
  address: r.address,
  visitingAddress: r.visiting_address,
  web: r.web,
});

export const findUnit = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("units")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** Every unit of the tenant (kept in memory while no unit changes, see reference-cache.ts). */
export const allUnits = (db: Db, tenantId: string) =>
  cachedRows(db, "units", tenantId, () =>
    db.selectFrom("units").selectAll().where("tenant_id", "=", tenantId).execute(),
  );

export interface UnitPageQuery {
  tenantId: string;
  type?: UnitType | undefined;
  parentId?: string | undefined;
  /** Keyset: continue after this (name, id). */
  after?: { name: string; id: string } | undefined;
  limit: number;
}

/** One page of units ordered by name then id; fetches one extra row to know if more follow. */
export async function unitPage(db: Db, q: UnitPageQuery): Promise<UnitRow[]> {
  let query = db.selectFrom("units").selectAll().where("tenant_id", "=", q.tenantId);
  if (q.type) query = query.where("type", "=", q.type);
  if (q.parentId) query = query.where("parent_id", "=", q.parentId);
  if (q.after) {
    const { name, id } = q.after;
    query = query.where((eb) =>
      eb.or([eb("name", ">", name), eb.and([eb("name", "=", name), eb("id", ">", id)])]),
    );
  }
  return query
    .orderBy("name")
    .orderBy("id")
    .limit(q.limit + 1)
    .execute();
}

export const insertUnit = (db: Db, row: UnitRow) => db.insertInto("units").values(row).execute();

export const updateUnitRow = (db: Db, id: string, changes: Partial<UnitRow>) =>
  db.updateTable("units").set(changes).where("id", "=", id).execute();

export const countUnits = async (db: Db, tenantId: string): Promise<number> => {
  const row = await db
    .selectFrom("units")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};
