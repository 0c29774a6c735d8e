import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import type { VisitRequestTable } from "../../platform/db/schema.ts";
import type { Checklist, VisitRequest, VisitStatus } from "./visits.model.ts";

export type VisitRequestRow = Selectable<VisitRequestTable>;

const bool = (v: number | null) => (v === null ? null : Number(v) === 1);

export function toVisitRequest(r: VisitRequestRow, unitIds: string[]): VisitRequest {
  const checklist: Checklist | null =
    r.mutual_learning === null
      ? null
      : {
          mutualLearning: bool(r.mutual_learning) === true,
          newPerspectives: bool(r.new_perspectives) === true,
          serviceDevelopment: bool(r.service_development) === true,
          raisedCompetence: bool(r.raised_competence) === true,
          cityImage: bool(r.city_image) === true,
          residentTies: bool(r.resident_ties) === true,
        };
  return {
    id: r.id,
    receivedVia: r.received_via,
    organisation: r.organisation,
    country: r.country,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    visitFrom: r.visit_from,
    visitTo: r.visit_to,
    participants: Number(r.participants),
    purpose: r.purpose,
    politicalLevel: r.political_level,
    unitIds,
    routing: {
      coordinator: r.coordinator,
      unitId: r.coordinator_unit_id,
      rule: r.routing_rule as VisitRequest["routing"]["rule"],
    },
    status: r.status,
    checklist,
    assessmentNote: r.assessment_note,
    prioritised: bool(r.prioritised),
    outcome: r.outcome,
    outcomeNote: r.outcome_note,
    referredTo: r.referred_to,
    letterKind: r.letter_kind,
    letterDocumentId: r.letter_document_id,
    engagementId: r.engagement_id,
    receivedAt: r.received_at,
  };
}

export async function insertVisitRequest(db: Db, row: VisitRequestRow, unitIds: string[]): Promise<void> {
  await db.insertInto("visit_requests").values(row).execute();
  if (unitIds.length > 0)
    await db
      .insertInto("visit_request_units")
      .values(unitIds.map((unit_id) => ({ visit_request_id: row.id, unit_id })))
      .execute();
}

export const findVisitRequest = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("visit_requests")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

export async function unitsOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("visit_request_units")
    .selectAll()
    .where("visit_request_id", "in", ids)
    .orderBy("unit_id")
    .execute();
  for (const r of rows) out.get(r.visit_request_id)?.push(r.unit_id);
  return out;
}

export const visitRequestPage = (db: Db, tenantId: string, limit: number) =>
  db
    .selectFrom("visit_requests")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("received_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();

/** Changes a request only from the status the caller read, so two officers cannot both decide it. */
export async function updateVisitRequest(
  db: Db,
  id: string,
  from: VisitStatus[],
  changes: Updateable<VisitRequestTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("visit_requests")
    .set(changes)
    .where("id", "=", id)
    .where("status", "in", from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
