import { type Actor, auditBy, can, listUsers, type UserActor } from "../auth/index.ts";
import { roundPositionsOfCase } from "../consultation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { dedupe, fieldErrors } from "../platform/validation.ts";
import {
  type Case,
  caseSubject,
  getCase,
  getCaseDocuments,
  type PreparedDocument,
  prepareDocument,
  type RegistryDocument,
  writePreparedDocument,
} from "../registry/index.ts";
import { reportWord } from "./report-word.ts";
import {
  type Approval,
  awaiting,
  type OfficerReport,
  type ReportContent,
  reportInputSchema,
  SIGNATORY_ROLES,
  sameContent,
  toContent,
} from "./reports.model.ts";
import {
  advanceVersion,
  approvalsBy,
  approvalsOf,
  approvedReportsOfCase,
  approvedReportsOfOpenCases,
  draftsWithCurrentVersion,
  findReport,
  findVersion,
  insertApproval,
  insertReport,
  insertVersion,
  lockForApproval,
  markApproved,
  reportsOfCase,
  versionsOf,
} from "./reports.store.ts";

type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

/** Who writes a case's reports: those who may change the case (its unit's officers, its own officer, the registry). */
export const mayWrite = (actor: Actor, c: Case) => can(actor, "case.edit", caseSubject(c));

/** A case whose reports `by` may write; 403 for a reader who may not. */
async function writableCase(ctx: Ctx, by: UserActor, caseId: string): Promise<Case> {
  const c = await getCase(ctx, caseId);
  if (!mayWrite(by, c)) throw new ForbiddenError();
  return c;
}

const conflict = (message: string, key: string) =>
  new ConflictError(message, [], [{ field: "", message: key }]);

/** The users who may sign a report, by name. */
export async function possibleSignatories(ctx: Ctx) {
  const users = await listUsers(ctx.db, ctx.config.tenantId);
  return users
    .filter((u) => u.disabled_at === null && SIGNATORY_ROLES.includes(u.role))
    .map((u) => ({ id: u.id, name: u.display_name }))
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

/** The case's documents a report may list as Bilagor: its registered ones. */
export const attachableDocuments = async (ctx: Ctx, caseId: string) =>
  (await getCaseDocuments(ctx, caseId)).filter((d) => d.status === "registered");

/**
 * Checks a report's input against its schema and the case: every chosen attachment a registered
 * document of the case, at least one signatory and each one a user who may sign. Every error at once.
 */
async function checkInput(ctx: Ctx, caseId: string, input: unknown): Promise<ReportContent> {
  const parsed = reportInputSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  // The choices are checked even when the text is not, so the form shows every problem at once.
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const chosen = (field: "attachmentIds" | "signatoryIds") => {
    const r = reportInputSchema.shape[field].safeParse(raw[field]);
    return r.success ? r.data : null;
  };
  const attachmentIds = chosen("attachmentIds");
  if (attachmentIds && attachmentIds.length > 0) {
    const documents = new Set((await attachableDocuments(ctx, caseId)).map((doc) => doc.id));
    if (attachmentIds.some((id) => !documents.has(id)))
      errors.push({ field: "attachmentIds", message: "report.attachment_not_in_case" });
  }
  const signatoryIds = chosen("signatoryIds");
  if (signatoryIds && signatoryIds.length === 0)
    errors.push({ field: "signatoryIds", message: "report.signatories_required" });
  else if (signatoryIds) {
    const signatories = new Set((await possibleSignatories(ctx)).map((u) => u.id));
    if (signatoryIds.some((id) => !signatories.has(id)))
      errors.push({ field: "signatoryIds", message: "report.signatory_unknown" });
  }
  const round = await chosenRound(ctx, caseId, raw.consultationId, errors);
  if (!parsed.success || errors.length > 0) throw new ValidationError(dedupe(errors));
  const content = toContent(parsed.data);
  if (!round) return content;
  // The round's compilation goes with its positions as a Bilaga.
  const compilation = round.compilationDocumentId;
  return {
    ...content,
    attachmentIds:
      compilation && !content.attachmentIds.includes(compilation)
        ? [...content.attachmentIds, compilation]
        : content.attachmentIds,
    positions: { title: round.title, rows: round.rows },
  };
}

/** The sent round of the case the report takes positions from, if one is named; an error if it is not the case's. */
async function chosenRound(ctx: Ctx, caseId: string, consultationId: unknown, errors: FieldError[]) {
  if (typeof consultationId !== "string" || consultationId.trim() === "") return null;
  const round = (await roundPositionsOfCase(ctx, caseId)).find(
    (r) => r.consultationId === consultationId.trim(),
  );
  if (!round) errors.push({ field: "consultationId", message: "report.consultation_not_in_case" });
  return round ?? null;
}

async function toReport(ctx: Ctx, row: ReportRow): Promise<OfficerReport> {
  const version = await findVersion(ctx.db, row.id, row.current_version);
  if (!version) throw new Error(`report ${row.id} has no version ${row.current_version}`);
  const approvals: Approval[] = (await approvalsOf(ctx.db, row.id, row.current_version)).map((a) => ({
    userId: a.user_id,
    name: a.display_name,
    version: Number(a.version),
    approvedAt: a.approved_at,
  }));
  return {
    id: row.id,
    caseId: row.case_id,
    officerId: row.officer_id,
    version: Number(row.current_version),
    content: JSON.parse(version.content) as ReportContent,
    approvals,
    status: row.document_id ? "approved" : "draft",
    approvedVersion: row.approved_version === null ? null : Number(row.approved_version),
    documentId: row.document_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A report and its case for a reader: those who write the case's reports, and the signatories of
 * its current version. Anyone else gets 404, as for a draft (R4).
 */
export async function reportFor(ctx: Ctx, actor: Actor, id: string) {
  const row = await findReport(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  const [report, c] = await Promise.all([toReport(ctx, row), getCase(ctx, row.case_id)]);
  const signatory = actor.kind === "user" && report.content.signatoryIds.includes(actor.id);
  if (!mayWrite(actor, c) && !signatory) throw new NotFoundError();
  return { report, c };
}

/** A case's reports, for those who write them (403 for other readers). */
export async function caseReports(ctx: Ctx, actor: Actor, caseId: string) {
  const c = await getCase(ctx, caseId);
  if (!mayWrite(actor, c)) throw new ForbiddenError();
  const rows = await reportsOfCase(ctx.db, ctx.config.tenantId, caseId);
  return { c, reports: await Promise.all(rows.map((r) => toReport(ctx, r))) };
}

/** Every version of a report, the newest first: number, when, by whom, and its content. */
export async function reportVersions(ctx: Ctx, reportId: string) {
  return (await versionsOf(ctx.db, reportId)).map((v) => ({
    version: Number(v.version),
    writtenAt: v.written_at,
    writtenBy: v.written_by,
    content: JSON.parse(v.content) as ReportContent,
  }));
}

const versionRow = (ctx: Ctx, by: UserActor, reportId: string, version: number, content: ReportContent) => ({
  id: newId(),
  tenant_id: ctx.config.tenantId,
  report_id: reportId,
  version,
  content: JSON.stringify(content),
  written_by: by.id,
  written_at: ctx.clock.now().toISOString(),
});

/** Writes a new report of a case as its version 1, with its audit event, in one transaction. */
export async function createReport(ctx: Ctx, by: UserActor, caseId: string, input: unknown) {
  const c = await writableCase(ctx, by, caseId);
  const content = await checkInput(ctx, caseId, input);
  if (c.status !== "open") throw conflict("the case is closed", "report.case_closed");
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertReport(trx, {
      id,
      tenant_id: ctx.config.tenantId,
      case_id: caseId,
      officer_id: by.id,
      current_version: 1,
      approved_version: null,
      document_id: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await insertVersion(trx, versionRow(ctx, by, id, 1, content));
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "officer_report.create",
      subjectType: "officer_report",
      subjectId: id,
      after: { caseId, version: 1, ...content },
    });
  });
  return (await reportFor(ctx, by, id)).report;
}

/**
 * Saves a draft: a changed text is the next version, and the approvals given to the version before
 * no longer count (they stay as its history); an unchanged save writes nothing. An approved report
 * is registered and no longer changes (409).
 */
export async function saveReport(ctx: Ctx, by: UserActor, id: string, input: unknown) {
  const { report } = await reportFor(ctx, by, id);
  await writableCase(ctx, by, report.caseId);
  if (report.status === "approved") throw conflict("the report is approved", "report.already_approved");
  const content = await checkInput(ctx, report.caseId, input);
  if (sameContent(content, report.content)) return report;
  const now = ctx.clock.now();
  const next = report.version + 1;
  await ctx.db.transaction().execute(async (trx) => {
    if ((await advanceVersion(trx, id, report.version, now.toISOString())) !== 1)
      throw conflict("the report changed meanwhile", "report.changed_meanwhile");
    await insertVersion(trx, versionRow(ctx, by, id, next, content));
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "officer_report.save",
      subjectType: "officer_report",
      subjectId: id,
      before: { version: report.version, approvals: report.approvals.map((a) => a.userId) },
      after: { version: next, ...content },
    });
  });
  return (await reportFor(ctx, by, id)).report;
}

/** The registered document of an approved version, prepared before the approval's transaction. */
async function prepareRegistration(
  ctx: Ctx,
  by: UserActor,
  report: OfficerReport,
  c: Case,
): Promise<PreparedDocument> {
  const date = stockholmDate(ctx.clock.now());
  const byId = new Map<string, RegistryDocument>(
    (await attachableDocuments(ctx, c.id)).map((d) => [d.id, d]),
  );
  const attachments = report.content.attachmentIds.flatMap((a) => byId.get(a) ?? []);
  const bytes = await reportWord(ctx, c, report.officerId, date, report.content, attachments);
  // A secret case's title stays out of the register's description (R1): the report's kind alone.
  const description = c.publicTitle ? "Tjänsteutlåtande" : `Tjänsteutlåtande: ${report.content.title}`;
  return prepareDocument(
    ctx,
    by,
    c.id,
    {
      direction: "internal",
      date,
      documentType: "Tjänsteutlåtande",
      description: description.slice(0, 1000),
    },
    { fileName: `tjansteutlatande-${c.diaryNumber.replace(/[^\w-]+/g, "-")}-v${report.version}.docx`, bytes },
  );
}

/**
 * A signatory approves the current version (`version`, when given, must still be it). The approval
 * that completes the signatories registers that version in the case as an internal document,
 * "Tjänsteutlåtande", with its Word file: the approval, the document and their audit events are
 * written in one transaction.
 */
export async function approveReport(ctx: Ctx, by: UserActor, id: string, version?: number) {
  const { report, c } = await reportFor(ctx, by, id);
  if (!report.content.signatoryIds.includes(by.id)) throw new ForbiddenError();
  if (report.status === "approved") throw conflict("the report is approved", "report.already_approved");
  if (version !== undefined && version !== report.version)
    throw conflict("a newer version is waiting", "report.changed_meanwhile");
  const left = awaiting(report.content, report.approvals);
  if (!left.includes(by.id)) throw conflict("already approved", "report.already_signed");
  const last = left.length === 1;
  const document = last ? await prepareRegistration(ctx, by, report, c) : null;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if ((await lockForApproval(trx, id, report.version, now.toISOString())) !== 1)
      throw conflict("the report changed meanwhile", "report.changed_meanwhile");
    await insertApproval(trx, {
      id: newId(),
      tenant_id: ctx.config.tenantId,
      report_id: id,
      version: report.version,
      user_id: by.id,
      approved_at: now.toISOString(),
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "officer_report.approve",
      subjectType: "officer_report",
      subjectId: id,
      after: { version: report.version, documentId: document?.row.id ?? null },
    });
    // Another signatory's approval may have landed since the checks: the count in the transaction decides.
    const given = await approvalsOf(trx, id, report.version);
    const complete = report.content.signatoryIds.every((s) => given.some((a) => a.user_id === s));
    if (complete !== (document !== null))
      throw conflict("another approval came at the same time", "report.changed_meanwhile");
    if (document) {
      await writePreparedDocument(ctx, trx, document);
      await markApproved(trx, id, report.version, document.row.id);
    }
  });
  return (await reportFor(ctx, by, id)).report;
}

/** A case's approved report, as the agenda of a meeting names it. */
export interface ApprovedReport {
  reportId: string;
  caseId: string;
  title: string;
  version: number;
  /** The registered document of the approved version (its Word file). */
  documentId: string;
  approvedAt: string;
}

/** A case's approved reports with their registered documents, in the order they were approved. */
export async function approvedReports(ctx: Ctx, caseId: string): Promise<ApprovedReport[]> {
  const rows = await approvedReportsOfCase(ctx.db, ctx.config.tenantId, caseId);
  return Promise.all(
    rows.map(async (r) => {
      const version = Number(r.approved_version);
      const v = await findVersion(ctx.db, r.id, version);
      return {
        reportId: r.id,
        caseId: r.case_id,
        title: v ? (JSON.parse(v.content) as ReportContent).title : "",
        version,
        documentId: r.document_id ?? "",
        approvedAt: r.updated_at,
      };
    }),
  );
}

/** A report whose current version waits for one signatory's approval: what their start page lists. */
export interface AwaitingApproval {
  reportId: string;
  title: string;
  diaryNumber: string;
  version: number;
  /** When the version waiting for the approval was saved. */
  writtenAt: string;
}

/** The reports whose current version names `userId` as a signatory who has not yet approved it, oldest first. */
export async function reportsAwaitingApproval(ctx: Ctx, userId: string): Promise<AwaitingApproval[]> {
  const [drafts, given] = await Promise.all([
    draftsWithCurrentVersion(ctx.db, ctx.config.tenantId),
    approvalsBy(ctx.db, ctx.config.tenantId, userId),
  ]);
  const approved = new Set(given.map((a) => `${a.report_id}:${Number(a.version)}`));
  return drafts.flatMap((d) => {
    const content = JSON.parse(d.content) as ReportContent;
    const version = Number(d.current_version);
    if (!content.signatoryIds.includes(userId) || approved.has(`${d.id}:${version}`)) return [];
    return [
      { reportId: d.id, title: content.title, diaryNumber: d.diary_number, version, writtenAt: d.written_at },
    ];
  });
}

/** The approved reports of every open case, with the case's diary number: what an agenda may take up. */
export async function approvedReportsOfOpen(ctx: Ctx): Promise<(ApprovedReport & { diaryNumber: string })[]> {
  return (await approvedReportsOfOpenCases(ctx.db, ctx.config.tenantId)).map((r) => ({
    reportId: r.id,
    caseId: r.case_id,
    title: (JSON.parse(r.content) as ReportContent).title,
    version: Number(r.approved_version),
    documentId: r.document_id ?? "",
    approvedAt: r.updated_at,
    diaryNumber: r.diary_number,
  }));
}
