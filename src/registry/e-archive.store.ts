import type { Db } from "../platform/db/database.ts";

/** The tenant's name, which the archive names as its creator. */
export const findTenantName = (db: Db, tenantId: string) =>
  db.selectFrom("tenants").select("name").where("id", "=", tenantId).executeTakeFirst();
