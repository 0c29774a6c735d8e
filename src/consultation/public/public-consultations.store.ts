import type { Db } from "../../platform/db/database.ts";

/** The closed rounds' ids, most recently closed first. */
export async function closedConsultationIds(db: Db, tenantId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom("consultations")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "closed")
    .orderBy("closed_on", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
