import type { Insertable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type {
  OfficerReportApprovalTable,
  OfficerReportTable,
  OfficerReportVersionTable,
} from "../platform/db/schema.ts";

export const insertReport = (db: Db, row: Insertable<OfficerReportTable>) =>
  db.insertInto("officer_reports").values(row).execute();

export const insertVersion = (db: Db, row: Insertable<OfficerReportVersionTable>) =>
  db.insertInto("officer_report_versions").values(row).execute();

export const insertApproval = (db: Db, row: Insertable<OfficerReportApprovalTable>) =>
  db.insertInto("officer_report_approvals").values(row).execute();

export const findReport = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("officer_reports")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** A case's reports, oldest first. */
export const reportsOfCase = (db: Db, tenantId: string, caseId: string) =>
  db
    .selectFrom("officer_reports")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("case_id", "=", caseId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();

/** A case's approved reports, in the order they were approved. */
export const approvedReportsOfCase = (db: Db, tenantId: string, caseId: string) =>
  db
    .selectFrom("officer_reports")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("case_id", "=", caseId)
    .where("document_id", "is not", null)
    .orderBy("updated_at")
    .orderBy("id")
    .execute();

/** Every version of a report, the newest first. */
export const versionsOf = (db: Db, reportId: string) =>
  db
    .selectFrom("officer_report_versions")
    .selectAll()
    .where("report_id", "=", reportId)
    .orderBy("version", "desc")
    .execute();

export const findVersion = (db: Db, reportId: string, version: number) =>
  db
    .selectFrom("officer_report_versions")
    .selectAll()
    .where("report_id", "=", reportId)
    .where("version", "=", version)
    .executeTakeFirst();

/** The approvals of one version with the signatories' names, in the order they were given. */
export const approvalsOf = (db: Db, reportId: string, version: number) =>
  db
    .selectFrom("officer_report_approvals as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["a.user_id", "a.version", "a.approved_at", "u.display_name"])
    .where("a.report_id", "=", reportId)
    .where("a.version", "=", version)
    .orderBy("a.approved_at")
    .orderBy("a.id")
    .execute();

/**
 * Moves a draft report to its next version; only while `version` is still its current one and
 * nothing is approved, so two saves of the same version cannot both win. Returns the rows changed.
 */
export async function advanceVersion(db: Db, id: string, version: number, now: string): Promise<number> {
  const r = await db
    .updateTable("officer_reports")
    .set({ current_version: version + 1, updated_at: now })
    .where("id", "=", id)
    .where("current_version", "=", version)
    .where("document_id", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * Takes the report's row for an approval of `version` (a row lock on PostgreSQL, so approvals of one
 * report queue); 0 when the version is no longer current or the report is already approved.
 */
export async function lockForApproval(db: Db, id: string, version: number, now: string): Promise<number> {
  const r = await db
    .updateTable("officer_reports")
    .set({ updated_at: now })
    .where("id", "=", id)
    .where("current_version", "=", version)
    .where("document_id", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export const markApproved = (db: Db, id: string, version: number, documentId: string) =>
  db
    .updateTable("officer_reports")
    .set({ approved_version: version, document_id: documentId })
    .where("id", "=", id)
    .execute();

/**
 * Reports not yet approved, each with its current version's content and when it was written, and
 * its case's diary number: where a signatory's waiting approvals are found. Drafts are few; the
 * signatories are inside the version's content, so the caller picks a signatory's own.
 */
export const draftsWithCurrentVersion = (db: Db, tenantId: string) =>
  db
    .selectFrom("officer_reports as r")
    .innerJoin("officer_report_versions as v", (j) =>
      j.onRef("v.report_id", "=", "r.id").onRef("v.version", "=", "r.current_version"),
    )
    .innerJoin("cases as c", "c.id", "r.case_id")
    .select(["r.id", "r.current_version", "v.content", "v.written_at", "c.diary_number"])
    .where("r.tenant_id", "=", tenantId)
    .where("r.document_id", "is", null)
    .orderBy("v.written_at")
    .orderBy("r.id")
    .execute();

/** The versions a user has approved, by report. */
export const approvalsBy = (db: Db, tenantId: string, userId: string) =>
  db
    .selectFrom("officer_report_approvals")
    .select(["report_id", "version"])
    .where("tenant_id", "=", tenantId)
    .where("user_id", "=", userId)
    .execute();

/** The approved reports of open cases with the approved version's content and the case's diary number. */
export const approvedReportsOfOpenCases = (db: Db, tenantId: string) =>
  db
    .selectFrom("officer_reports as r")
    .innerJoin("officer_report_versions as v", (j) =>
      j.onRef("v.report_id", "=", "r.id").onRef("v.version", "=", "r.approved_version"),
    )
    .innerJoin("cases as c", "c.id", "r.case_id")
    .select([
      "r.id",
      "r.case_id",
      "r.approved_version",
      "r.document_id",
      "r.updated_at",
      "v.content",
      "c.diary_number",
    ])
    .where("r.tenant_id", "=", tenantId)
    .where("r.document_id", "is not", null)
    .where("c.status", "=", "open")
    .orderBy("c.diary_number")
    .orderBy("r.updated_at")
    .execute();
