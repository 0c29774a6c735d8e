import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import { fixedQuery } from "../platform/db/fixed-query.ts";
import type { DocumentFileTable, DocumentTable } from "../platform/db/schema.ts";
import type { RegistryDocument } from "./documents.model.ts";

export type DocumentRow = Selectable<DocumentTable>;
export type FileRow = Selectable<DocumentFileTable>;

export const toDocument = (r: DocumentRow): RegistryDocument => ({
  id: r.id,
  caseId: r.case_id,
  direction: r.direction,
  status: r.status,
  date: r.document_date,
  party: r.party,
  description: r.description,
  publicDescription: r.public_description,
  publicParty: r.public_party,
  secrecy:
    r.secrecy_provision && r.secrecy_marked_on && r.secrecy_authority
      ? { provision: r.secrecy_provision, markedOn: r.secrecy_marked_on, authority: r.secrecy_authority }
      : null,
  documentType: r.document_type,
  dueDate: r.due_date,
  signedOffOn: r.signed_off_on,
  signoffKind: r.signoff_kind,
  signoffReference: r.signoff_reference,
  registeredAt: r.registered_at,
  publicHold: r.public_hold,
});

export const insertDocument = (db: Db, row: DocumentRow) => db.insertInto("documents").values(row).execute();

export const findDocument = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("documents")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

export const updateDocumentRow = (db: Db, id: string, changes: Partial<DocumentRow>) =>
  db.updateTable("documents").set(changes).where("id", "=", id).execute();

const documentsOfCase = fixedQuery((db, v: { caseId: string }) =>
  db
    .selectFrom("documents")
    .selectAll()
    .where("case_id", "=", v.caseId)
    .orderBy("document_date")
    .orderBy("created_at")
    // Documents registered in one PostgreSQL transaction share its created_at; ids sort in the
    // order they were made, so the order does not depend on the plan.
    .orderBy("id"),
);

export const caseDocuments = (db: Db, caseId: string) => documentsOfCase.all(db, { caseId });

export async function countDrafts(db: Db, caseId: string): Promise<number> {
  const row = await db
    .selectFrom("documents")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("case_id", "=", caseId)
    .where("status", "=", "draft")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The number of documents in each of the given cases; drafts only when the reader may see them. */
export async function documentCounts(
  db: Db,
  caseIds: string[],
  withDrafts: boolean,
): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  let q = db
    .selectFrom("documents")
    .select(["case_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("case_id", "in", caseIds);
  if (!withDrafts) q = q.where("status", "=", "registered");
  const rows = await q.groupBy("case_id").execute();
  return new Map(rows.map((r) => [r.case_id, Number(r.n)]));
}

export const insertFile = (db: Db, row: FileRow) => db.insertInto("document_files").values(row).execute();

export const documentFiles = (db: Db, documentId: string) =>
  db
    .selectFrom("document_files")
    .selectAll()
    .where("document_id", "=", documentId)
    .orderBy("version")
    .execute();

/** Registered incoming documents with a due date and no sign-off, soonest first (R5). */
export function openDueItems(db: Db, tenantId: string, officerId: string | null) {
  let q = db
    .selectFrom("documents")
    .innerJoin("cases", "cases.id", "documents.case_id")
    .selectAll("documents")
    .select(["cases.diary_number", "cases.title as case_title", "cases.officer_id"])
    .where("documents.tenant_id", "=", tenantId)
    .where("documents.due_date", "is not", null)
    .where("documents.signed_off_on", "is", null);
  if (officerId) q = q.where("cases.officer_id", "=", officerId);
  return q.orderBy("documents.due_date").limit(500).execute();
}
