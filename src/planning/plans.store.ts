import type { Insertable, Updateable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { EngagementPlanTable } from "../platform/db/schema.ts";

/** Every unit's plan for a year, with the unit's name (unordered). */
export const listPlanRows = (db: Db, tenantId: string, year: number) =>
  db
    .selectFrom("engagement_plans")
    .innerJoin("units", "units.id", "engagement_plans.unit_id")
    .select([
      "engagement_plans.unit_id",
      "units.name as unit_name",
      "engagement_plans.year",
      "engagement_plans.planned_work",
      "engagement_plans.budget",
      "engagement_plans.outcome",
      "engagement_plans.cost",
    ])
    .where("engagement_plans.tenant_id", "=", tenantId)
    .where("engagement_plans.year", "=", year)
    .execute();

export const findPlan = (db: Db, tenantId: string, unitId: string, year: number) =>
  db
    .selectFrom("engagement_plans")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("unit_id", "=", unitId)
    .where("year", "=", year)
    .executeTakeFirst();

export const updatePlan = (db: Db, id: string, values: Updateable<EngagementPlanTable>) =>
  db.updateTable("engagement_plans").set(values).where("id", "=", id).execute();

export const insertPlan = (db: Db, row: Insertable<EngagementPlanTable>) =>
  db.insertInto("engagement_plans").values(row).execute();
