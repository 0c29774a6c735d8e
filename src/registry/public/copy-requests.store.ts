import type { Insertable, Updateable } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import type { CopyRequestTable } from "../../platform/db/schema.ts";

export const insertCopyRequest = (db: Db, row: Insertable<CopyRequestTable>) =>
  db.insertInto("copy_requests").values(row).execute();

/** Records the registration of a request received before requests were registered, once. */
export async function setRequestRegistration(
  db: Db,
  id: string,
  registered: { caseId: string; documentId: string },
) {
  const result = await db
    .updateTable("copy_requests")
    .set({ request_case_id: registered.caseId, request_document_id: registered.documentId })
    .where("id", "=", id)
    .where("request_case_id", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type CopyRequestState = "new" | "handled";

/** Requests with the document and case they concern and the diary number of their own case. */
const withDocument = (db: Db, tenantId: string) =>
  db
    .selectFrom("copy_requests as r")
    .innerJoin("documents as d", "d.id", "r.document_id")
    .innerJoin("cases as c", "c.id", "r.case_id")
    .leftJoin("cases as rc", "rc.id", "r.request_case_id")
    .leftJoin("users as u", "u.id", "r.handled_by")
    .select([
      "r.id",
      "r.received_at",
      "r.requester_name",
      "r.delivery",
      "r.email",
      "r.postal_address",
      "r.message",
      "r.status",
      "r.outcome",
      "r.outcome_note",
      "r.provision",
      "r.delivered_by",
      "r.handled_at",
      "r.request_case_id",
      "r.request_document_id",
      "r.decision_document_id",
      "rc.diary_number as request_number",
      "u.display_name as handled_by_name",
      "d.id as document_id",
      "d.description",
      "d.public_description",
      "d.secrecy_provision",
      "c.id as case_id",
      "c.diary_number",
      "c.unit_id",
      "c.officer_id",
    ])
    .where("r.tenant_id", "=", tenantId);

/** Requests in one state or all, oldest first (at most 500). */
export const listCopyRequests = (db: Db, tenantId: string, state: CopyRequestState | null) => {
  const q = withDocument(db, tenantId);
  return (state ? q.where("r.status", "=", state) : q).orderBy("r.received_at").limit(500).execute();
};

export const findCopyRequestView = (db: Db, tenantId: string, id: string) =>
  withDocument(db, tenantId).where("r.id", "=", id).executeTakeFirst();

/** Marks a request handled if it is still new; the number of rows changed says whether it was. */
export async function updateNewCopyRequest(db: Db, id: string, values: Updateable<CopyRequestTable>) {
  const result = await db
    .updateTable("copy_requests")
    .set(values)
    .where("id", "=", id)
    .where("status", "=", "new")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export const setDecisionDocument = (db: Db, id: string, documentId: string) =>
  db.updateTable("copy_requests").set({ decision_document_id: documentId }).where("id", "=", id).execute();
