import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { ImportDraftTable } from "../platform/db/schema.ts";
import { isMessageKey } from "../platform/i18n/index.ts";
import type { ImportDraft, ImportReading, ImportStatus } from "./imports.model.ts";

export type ImportDraftRow = Selectable<ImportDraftTable>;

export const insertImportDraft = (db: Db, row: ImportDraftRow) =>
  db.insertInto("import_drafts").values(row).execute();

export const findImportDraft = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("import_drafts")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** The drafts still to be read, oldest first (also those a stopped server left half read). */
export const readingDraftIds = async (db: Db, tenantId: string) =>
  (
    await db
      .selectFrom("import_drafts")
      .select("id")
      .where("tenant_id", "=", tenantId)
      .where("status", "=", "reading")
      .orderBy("created_at")
      .orderBy("id")
      .execute()
  ).map((r) => r.id);

export const recordPagesRead = (db: Db, id: string, pagesRead: number, pages: number) =>
  db
    .updateTable("import_drafts")
    .set({ pages_read: pagesRead, pages })
    .where("id", "=", id)
    .where("status", "=", "reading")
    .execute();

/** Stores what was read and makes the draft ready for review; false when it was not reading any more. */
export async function markRead(db: Db, id: string, r: ImportReading): Promise<boolean> {
  const result = await db
    .updateTable("import_drafts")
    .set({
      status: "pending",
      method: r.method,
      raw_text: r.rawText,
      repaired_text: r.repairedText,
      changes: JSON.stringify(r.changes),
      proposal: JSON.stringify(r.proposal),
    })
    .where("id", "=", id)
    .where("status", "=", "reading")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markFailed(db: Db, id: string, failure: string): Promise<boolean> {
  const result = await db
    .updateTable("import_drafts")
    .set({ status: "failed", failure })
    .where("id", "=", id)
    .where("status", "=", "reading")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

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

/** Marks a draft awaiting review (or failed) discarded; false when it was confirmed or discarded meanwhile. */
export async function markDiscarded(db: Db, id: string, by: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable("import_drafts")
    .set({ status: "discarded", discarded_by: by, discarded_at: at })
    .where("id", "=", id)
    .where("status", "in", ["pending", "failed"])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Drafts in the given statuses, newest first. */
export const draftsIn = (db: Db, tenantId: string, statuses: ImportStatus[], limit: number) =>
  db
    .selectFrom("import_drafts")
    .select(["id", "file_name", "proposal", "status", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("status", "in", statuses)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();

export function toImportDraft(row: ImportDraftRow): ImportDraft {
  const read = row.proposal !== null && row.raw_text !== null && row.repaired_text !== null;
  return {
    id: row.id,
    fileName: row.file_name,
    sha256: row.sha256,
    size: row.size,
    fileType: row.file_type,
    status: row.status,
    progress: { page: row.pages_read, pages: row.pages ?? 1 },
    failure: row.failure === null ? null : isMessageKey(row.failure) ? row.failure : "import.read_failed",
    reading: read
      ? {
          method: row.method === "ocr" ? "ocr" : "text",
          rawText: row.raw_text ?? "",
          repairedText: row.repaired_text ?? "",
          changes: JSON.parse(row.changes ?? "[]"),
          proposal: JSON.parse(row.proposal ?? "{}"),
        }
      : null,
    caseId: row.case_id,
    createdAt: row.created_at,
  };
}
