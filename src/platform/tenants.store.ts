import type { Db } from "./db/database.ts";

const KNOWN_NAMES: Record<string, string> = { stockholm: "Stockholms stad" };

/** Makes sure the tenant this process serves exists (every tenant-owned row points to it). */
export async function ensureTenant(db: Db, tenantId: string, now: Date): Promise<void> {
  await db
    .insertInto("tenants")
    .values({ id: tenantId, name: KNOWN_NAMES[tenantId] ?? tenantId, created_at: now.toISOString() })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

/** The tenant's name, if the tenant is there. */
export const findTenantName = (db: Db, tenantId: string) =>
  db.selectFrom("tenants").select("name").where("id", "=", tenantId).executeTakeFirst();
