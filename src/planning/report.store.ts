import type { Db } from "../platform/db/database.ts";
import type { EngagementTable } from "../platform/db/schema.ts";

/** Engagements in the given statuses that run at some time between two dates, by start date. */
export const listReportedEngagements = (
  db: Db,
  tenantId: string,
  statuses: readonly EngagementTable["status"][],
  first: string,
  last: string,
) =>
  db
    .selectFrom("engagements as e")
    .innerJoin("units", "units.id", "e.unit_id")
    .select([
      "e.id",
      "e.title",
      "e.type",
      "e.unit_id",
      "units.name as unit_name",
      "e.start_date",
      "e.end_date",
      "e.cost",
      "e.review_date",
      "e.status",
    ])
    .where("e.tenant_id", "=", tenantId)
    .where("e.status", "in", statuses)
    .where("e.start_date", "<=", last)
    .where((eb) => eb.or([eb("e.end_date", "is", null), eb("e.end_date", ">=", first)]))
    .orderBy("e.start_date")
    .execute();

/** The counterpart countries of some engagements. */
export const listCounterpartCountries = async (db: Db, engagementIds: string[]) =>
  engagementIds.length === 0
    ? []
    : db
        .selectFrom("engagement_counterparts")
        .select(["engagement_id", "country"])
        .where("engagement_id", "in", engagementIds)
        .execute();
