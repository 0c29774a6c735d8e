import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { OidcRoleMappingTable } from "../platform/db/schema.ts";

export type OidcRoleMapping = Selectable<OidcRoleMappingTable>;

export const listMappings = (db: Db, tenantId: string) =>
  db
    .selectFrom("oidc_role_mappings")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("claim_value")
    .execute();

/** The mappings of some claim values (values no mapping names are left out). */
export const mappingsOf = (db: Db, tenantId: string, values: string[]) =>
  values.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom("oidc_role_mappings")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("claim_value", "in", values)
        .execute();

export const findMapping = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("oidc_role_mappings")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

export const insertMapping = (db: Db, row: OidcRoleMapping) =>
  db.insertInto("oidc_role_mappings").values(row).execute();

export const deleteMapping = (db: Db, tenantId: string, id: string) =>
  db.deleteFrom("oidc_role_mappings").where("tenant_id", "=", tenantId).where("id", "=", id).execute();
