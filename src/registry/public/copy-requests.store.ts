import type { Insertable, Updateable } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import type { CopyRequestTable } from "../../platform/db/schema.ts";

export const insertCopyRequest = (db: Db, row: Insertable<CopyRequestTable>) =>
  db.insertInto("copy_requests").values(row).execute();

export const findCopyRequest = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("copy_requests")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** Requests not yet handled, oldest first (at most 500), with the document and case they concern. */
export const listNewCopyRequests = (db: Db, tenantId: string) =>
  db
    .selectFrom("copy_requests as r")
    .innerJoin("documents as d", "d.id", "r.document_id")
    .innerJoin("cases as c", "c.id", "r.case_id")
    .select([
      "r.id",
      "r.received_at",
      "r.requester_name",
      "r.delivery",
      "r.email",
      "r.postal_address",
      "r.message",
      "d.id as document_id",
      "d.description",
      "d.public_description",
      "d.secrecy_provision",
      "c.id as case_id",
      "c.diary_number",
      "c.unit_id",
      "c.officer_id",
    ])
    .where("r.tenant_id", "=", tenantId)
    .where("r.status", "=", "new")
    .orderBy("r.received_at")
    .limit(500)
    .execute();

/** Marks a request handled if it is still new. */
export const updateNewCopyRequest = (db: Db, id: string, values: Updateable<CopyRequestTable>) =>
  db.updateTable("copy_requests").set(values).where("id", "=", id).where("status", "=", "new").execute();
