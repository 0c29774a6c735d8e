import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import { cachedRows } from "../platform/db/reference-cache.ts";
import type { SecrecyGroundTable } from "../platform/db/schema.ts";
import type { SecrecyGround } from "./secrecy-grounds.model.ts";

export type SecrecyGroundRow = Selectable<SecrecyGroundTable>;

export const toSecrecyGround = (r: SecrecyGroundRow): SecrecyGround => ({
  id: r.id,
  chapter: Number(r.chapter),
  section: r.section,
  paragraph: r.paragraph,
  citation: r.citation,
  name: r.name,
  retiredAt: r.retired_at,
});

/** Every ground of the tenant, retired ones too (kept in memory while none changes, see reference-cache.ts). */
export const listSecrecyGrounds = (db: Db, tenantId: string) =>
  cachedRows(db, "secrecy_grounds", tenantId, () =>
    db.selectFrom("secrecy_grounds").selectAll().where("tenant_id", "=", tenantId).execute(),
  );

export const findSecrecyGround = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("secrecy_grounds")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** Inserts the grounds whose citation the tenant's list does not hold yet; returns the ids inserted. */
export async function insertNewGrounds(db: Db, rows: SecrecyGroundRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto("secrecy_grounds")
    .values(rows)
    .onConflict((oc) => oc.columns(["tenant_id", "citation"]).doNothing())
    .returning("id")
    .execute();
  return inserted.map((r) => r.id);
}

export const insertSecrecyGround = async (db: Db, row: SecrecyGroundRow): Promise<boolean> =>
  (await insertNewGrounds(db, [row])).length === 1;

export const setGroundRetired = (db: Db, id: string, retiredAt: string | null) =>
  db.updateTable("secrecy_grounds").set({ retired_at: retiredAt }).where("id", "=", id).execute();

/** How many documents cite each ground (the admin page shows it; a ground in use is never deleted). */
export async function groundUse(db: Db, tenantId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("documents")
    .select(["secrecy_ground_id as id", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("tenant_id", "=", tenantId)
    .where("secrecy_ground_id", "is not", null)
    .groupBy("secrecy_ground_id")
    .execute();
  return new Map(rows.map((r) => [r.id as string, Number(r.n)]));
}

/** The distinct free-text markings from before the list that no ground stands for yet. */
export const unlinkedMarkings = (db: Db, tenantId: string) =>
  db
    .selectFrom("documents")
    .select("secrecy_provision")
    .distinct()
    .where("tenant_id", "=", tenantId)
    .where("secrecy_provision", "is not", null)
    .where("secrecy_ground_id", "is", null)
    .execute();

/** Points the documents marked with this exact free text to the ground it stands for; the text stays. */
export const linkMarkings = (db: Db, tenantId: string, text: string, groundId: string) =>
  db
    .updateTable("documents")
    .set({ secrecy_ground_id: groundId })
    .where("tenant_id", "=", tenantId)
    .where("secrecy_provision", "=", text)
    .where("secrecy_ground_id", "is", null)
    .execute();
