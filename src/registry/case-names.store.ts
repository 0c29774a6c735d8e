import type { Db } from "../platform/db/database.ts";
import { fixedQuery } from "../platform/db/fixed-query.ts";

/**
 * A case's row with the names its page shows for the ids it holds (registry, class, the class
 * version it was filed under with its disposal decision, unit, officer): one query where the
 * page made six lookups by key. Each joined row is matched as the lookups matched it: registry,
 * unit and officer within the case's tenant, class and class version by id alone.
 */
const caseWithNames = fixedQuery((db, v: { tenantId: string; id: string }) =>
  db
    .selectFrom("cases as c")
    .leftJoin("registries as r", (j) =>
      j.onRef("r.id", "=", "c.registry_id").onRef("r.tenant_id", "=", "c.tenant_id"),
    )
    .leftJoin("classes as cl", "cl.id", "c.class_id")
    .leftJoin("class_versions as v", "v.id", "c.class_version_id")
    .leftJoin("disposal_decisions as d", "d.id", "v.decision_id")
    .leftJoin("units as u", (j) => j.onRef("u.id", "=", "c.unit_id").onRef("u.tenant_id", "=", "c.tenant_id"))
    .leftJoin("users as o", (j) =>
      j.onRef("o.id", "=", "c.officer_id").onRef("o.tenant_id", "=", "c.tenant_id"),
    )
    .selectAll("c")
    .select([
      "r.name as names_registry",
      "cl.code as names_class_code",
      "cl.title as names_class_title",
      "v.id as names_version_id",
      "v.class_id as names_version_class_id",
      "v.version as names_version",
      "v.title as names_version_title",
      "v.description as names_version_description",
      "v.retention as names_version_retention",
      "v.retention_years as names_version_retention_years",
      "v.decision_id as names_version_decision_id",
      "d.reference as names_version_decision_reference",
      "v.created_at as names_version_created_at",
      "v.superseded_at as names_version_superseded_at",
      "u.name as names_unit",
      "o.display_name as names_officer",
    ])
    .where("c.tenant_id", "=", v.tenantId)
    .where("c.id", "=", v.id),
);

export const findCaseWithNames = (db: Db, tenantId: string, id: string) =>
  caseWithNames.first(db, { tenantId, id });
