import type { Db } from "../platform/db/database.ts";
import type { ImportDraftTable } from "../platform/db/schema.ts";
import type { ImportDraft } from "./imports.model.ts";

export type ImportDraftRow = ImportDraftTable;

export const insertImportDraft = (db: Db, row: ImportDraftRow) =>
  db.insertInto("import_drafts").values(row).execute();

export const findImportDraft = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("import_drafts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** Marks a pending draft confirmed; false when it was not pending any more (a second confirm). */
export async function markConfirmed(db: Db, id: string, caseId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("import_drafts")
    .set({ status: "confirmed", case_id: caseId, confirmed_at: at })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const pendingDrafts = (db: Db, tenantId: string, limit: number) =>
  db
    .selectFrom("import_drafts")
    .select(["id", "file_name", "proposal", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "pending")
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();

export function toImportDraft(row: ImportDraftRow): ImportDraft {
  return {
    id: row.id,
    fileName: row.file_name,
    sha256: row.sha256,
    size: row.size,
    fileType: row.file_type,
    method: row.method === "ocr" ? "ocr" : "text",
    rawText: row.raw_text,
    repairedText: row.repaired_text,
    changes: JSON.parse(row.changes),
    proposal: JSON.parse(row.proposal),
    status: row.status === "confirmed" ? "confirmed" : "pending",
    caseId: row.case_id,
    createdAt: row.created_at,
  };
}
