import type { Db } from "../../platform/db/database.ts";

/** The statuses of a decided engagement: approved, or approved and since ended (as the annual report counts). */
const DECIDED_STATUSES = ["approved", "ended"] as const;

/** Decided engagements that are not secret, with their unit's name and their case's diary number. */
export const listDecidedPublicRows = (db: Db, tenantId: string) =>
  db
    .selectFrom("engagements as e")
    .innerJoin("units as u", "u.id", "e.unit_id")
    .innerJoin("cases as c", "c.id", "e.case_id")
    .select([
      "e.id",
      "e.type",
      "e.title",
      "e.unit_id",
      "u.name as unit_name",
      "e.purpose",
      "e.start_date",
      "e.end_date",
      "e.cost",
      "c.diary_number",
    ])
    .where("e.tenant_id", "=", tenantId)
    .where("e.status", "in", DECIDED_STATUSES)
    .where("e.secret", "=", 0)
    .orderBy("e.start_date", "desc")
    .orderBy("e.id")
    .execute();

/** The counterparts of several engagements, in their order. */
export const listCounterparts = async (db: Db, ids: string[]) =>
  ids.length === 0
    ? []
    : db
        .selectFrom("engagement_counterparts")
        .select(["engagement_id", "kind", "name", "country"])
        .where("engagement_id", "in", ids)
        .orderBy("position")
        .execute();

/** The approving decisions of several engagements, oldest first (the last one is in force). */
export const listApprovals = async (db: Db, ids: string[]) =>
  ids.length === 0
    ? []
    : db
        .selectFrom("engagement_decisions as d")
        .leftJoin("units as u", "u.id", "d.unit_id")
        .select(["d.engagement_id", "d.body", "u.name as unit_name", "d.decided_on", "d.minutes_paragraph"])
        .where("d.engagement_id", "in", ids)
        .where("d.outcome", "=", "approved")
        .orderBy("d.decided_on")
        .orderBy("d.created_at")
        .execute();
