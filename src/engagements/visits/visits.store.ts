import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import type { VisitRequestTable } from "../../platform/db/schema.ts";
import type { Checklist, VisitRequest, VisitStatus } from "./visits.model.ts";

export type VisitRequestRow = Selectable<VisitRequestTable>;
/** A request's row with the diary number of the case it is handled in. */
export type VisitRequestView = VisitRequestRow & { case_diary_number: string | null };

const bool = (v: number | null) => (v === null ? null : Number(v) === 1);

export function toVisitRequest(r: VisitRequestView, unitIds: string[]): VisitRequest {
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
    status: r.written_off_at ? "written_off" : r.status,
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
    caseId: r.case_id,
    diaryNumber: r.case_diary_number,
    documentId: r.document_id,
    caseOpened: Number(r.case_opened) === 1,
    writtenOff: r.written_off_at
      ? { at: r.written_off_at, by: r.written_off_by, reason: r.written_off_reason ?? "" }
      : null,
    invitationDocumentId: r.invitation_document_id,
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

/** Requests with the diary number of their case. */
const withDiaryNumber = (db: Db) =>
  db
    .selectFrom("visit_requests")
    .leftJoin("cases", "cases.id", "visit_requests.case_id")
    .selectAll("visit_requests")
    .select("cases.diary_number as case_diary_number");

export const findVisitRequest = (
  db: Db,
  tenantId: string,
  id: string,
): Promise<VisitRequestView | undefined> =>
  withDiaryNumber(db)
    .where("visit_requests.tenant_id", "=", tenantId)
    .where("visit_requests.id", "=", id)
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

export const visitRequestPage = (db: Db, tenantId: string, limit: number): Promise<VisitRequestView[]> =>
  withDiaryNumber(db)
    .where("visit_requests.tenant_id", "=", tenantId)
    .orderBy("visit_requests.received_at", "desc")
    .orderBy("visit_requests.id", "desc")
    .limit(limit)
    .execute();

/**
 * Changes a request only from the status the caller read (and never one written off), so two
 * officers cannot both decide it, nor decide one another writes off at the same moment.
 */
export async function updateVisitRequest(
  db: Db,
  id: string,
  from: Exclude<VisitStatus, "written_off">[],
  changes: Updateable<VisitRequestTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("visit_requests")
    .set(changes)
    .where("id", "=", id)
    .where("status", "in", from)
    .where("written_off_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Remembers the latest invitation letter of a decided request. */
export async function setInvitationDocument(db: Db, id: string, documentId: string): Promise<boolean> {
  const result = await db
    .updateTable("visit_requests")
    .set({ invitation_document_id: documentId })
    .where("id", "=", id)
    .where("status", "=", "decided")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
