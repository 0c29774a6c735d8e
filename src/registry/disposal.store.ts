import type { Insertable, Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { DisposalDecisionTable, DisposalRecordTable, DisposalRuleTable } from "../platform/db/schema.ts";
import type { DisposalDecision, DisposalRule } from "./disposal.model.ts";

export type DisposalRecordRow = Selectable<DisposalRecordTable>;

export const toRule = (r: Selectable<DisposalRuleTable>): DisposalRule => ({
  id: r.id,
  decisionId: r.decision_id,
  documentType: r.document_type,
  action: r.action,
  retentionYears: r.retention_years,
  supersededBy: r.superseded_by,
});

export async function listDecisions(db: Db, tenantId: string): Promise<DisposalDecision[]> {
  const rows = await db
    .selectFrom("disposal_decisions")
    .select(["id", "reference", "title", "decided_on", "authority"])
    .where("tenant_id", "=", tenantId)
    .orderBy("decided_on", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({ ...r, decidedOn: r.decided_on }));
}

export const findDecisionByReference = (db: Db, tenantId: string, reference: string) =>
  db
    .selectFrom("disposal_decisions")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("reference", "=", reference)
    .executeTakeFirst();

export const insertDecision = (db: Db, row: Insertable<DisposalDecisionTable>) =>
  db.insertInto("disposal_decisions").values(row).execute();

export const listRules = async (db: Db, tenantId: string): Promise<DisposalRule[]> =>
  (
    await db
      .selectFrom("disposal_rules")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .orderBy("document_type")
      .execute()
  ).map(toRule);

/** The rules a new decision replaces: those in force for the same document types. */
export const supersedeRules = (db: Db, tenantId: string, types: string[], byDecision: string) =>
  db
    .updateTable("disposal_rules")
    .set({ superseded_by: byDecision })
    .where("tenant_id", "=", tenantId)
    .where("document_type", "in", types)
    .where("superseded_by", "is", null)
    .returning(["id", "document_type", "decision_id"])
    .execute();

export const insertRules = (db: Db, rows: Insertable<DisposalRuleTable>[]) =>
  db.insertInto("disposal_rules").values(rows).execute();

/**
 * File versions not yet disposed of, with what a verdict needs about their document and case,
 * in id order after `afterId` (keyset pages).
 */
export const undisposedFiles = (db: Db, tenantId: string, afterId: string, limit: number) =>
  db
    .selectFrom("document_files as f")
    .innerJoin("documents as d", "d.id", "f.document_id")
    .innerJoin("cases as c", "c.id", "d.case_id")
    // The retention rule of the class version the case was filed under (issue 17).
    .leftJoin("class_versions as cv", "cv.id", "c.class_version_id")
    .select([
      "cv.id as class_version_id",
      "cv.retention as class_retention",
      "cv.retention_years as class_retention_years",
      "cv.decision_id as class_decision_id",
      "f.id as file_id",
      "f.version",
      "f.file_name",
      "f.sha256",
      "f.size",
      "f.disposed_at",
      "d.id as document_id",
      "d.status as document_status",
      "d.document_type",
      "d.description",
      "c.id as case_id",
      "c.diary_number",
      "c.status as case_status",
      "c.closed_on",
    ])
    .where("d.tenant_id", "=", tenantId)
    .where("f.disposed_at", "is", null)
    .where("f.id", ">", afterId)
    .orderBy("f.id")
    .limit(limit)
    .execute();
export type CandidateRow = Awaited<ReturnType<typeof undisposedFiles>>[number];

/** Marks a version disposed of and clears its searchable text; 0 rows when another run was first. */
export async function markDisposed(db: Db, fileId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("document_files")
    .set({ disposed_at: at, text_content: null })
    .where("id", "=", fileId)
    .where("disposed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const insertRecord = (db: Db, row: DisposalRecordRow) =>
  db.insertInto("disposal_records").values(row).execute();

/** True while a file version that is not disposed of still needs these bytes (blobs are shared). */
export async function blobStillUsed(db: Db, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom("document_files")
    .select("id")
    .where("sha256", "=", sha256)
    .where("disposed_at", "is", null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export const latestRecords = (db: Db, tenantId: string, limit: number) =>
  db
    .selectFrom("disposal_records")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("disposed_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();

export async function countRecords(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom("disposal_records")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("tenant_id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const recordsOfDocument = (db: Db, documentId: string) =>
  db.selectFrom("disposal_records").selectAll().where("document_id", "=", documentId).execute();
