import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { ValidationError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import {
  applicableRule,
  checkDecisionInput,
  type DisposalDecision,
  type DisposalRule,
  disposalVerdict,
  SKIP_REASONS,
  type SkipReason,
} from "./disposal.model.ts";
import {
  blobStillUsed,
  type CandidateRow,
  countRecords,
  findDecisionByReference,
  insertDecision,
  insertRecord,
  insertRules,
  latestRecords,
  listDecisions,
  listRules,
  markDisposed,
  recordsOfDocument,
  supersedeRules,
  undisposedFiles,
} from "./disposal.store.ts";
import type { Disposal } from "./disposed-file.tsx";
import type { FileRow } from "./documents.store.ts";
import { reindexCase } from "./search/search-index.ts";

export interface DecisionWithRules extends DisposalDecision {
  rules: DisposalRule[];
}

/** Every decision, newest first, each with its rules (in force or superseded). */
export async function getDecisions(ctx: Ctx): Promise<DecisionWithRules[]> {
  const [decisions, rules] = await Promise.all([
    listDecisions(ctx.db, ctx.config.tenantId),
    listRules(ctx.db, ctx.config.tenantId),
  ]);
  return decisions.map((d) => ({ ...d, rules: rules.filter((r) => r.decisionId === d.id) }));
}

/**
 * Records a disposal decision with its rules. A rule for a document type that already has one in
 * force replaces it; the old rule stays on record, marked as superseded by this decision.
 */
export async function recordDecision(
  ctx: Ctx,
  by: UserActor | "system",
  fields: Record<string, string>,
): Promise<DisposalDecision> {
  const now = ctx.clock.now();
  const { data, errors } = checkDecisionInput(fields, stockholmDate(now));
  if (data && (await findDecisionByReference(ctx.db, ctx.config.tenantId, data.reference)))
    errors.push({ field: "reference", message: "disposal.reference_taken" });
  if (!data || errors.length > 0) throw new ValidationError(errors);

  const id = newId();
  const tenantId = ctx.config.tenantId;
  await ctx.db.transaction().execute(async (trx) => {
    await insertDecision(trx, {
      id,
      tenant_id: tenantId,
      reference: data.reference,
      title: data.title,
      decided_on: data.decidedOn,
      authority: data.authority,
      created_by: by === "system" ? null : by.id,
      created_at: now.toISOString(),
    });
    const superseded = await supersedeRules(
      trx,
      tenantId,
      data.rules.map((r) => r.documentType),
      id,
    );
    await insertRules(
      trx,
      data.rules.map((r) => ({
        id: newId(),
        tenant_id: tenantId,
        decision_id: id,
        document_type: r.documentType,
        action: r.action,
        retention_years: r.retentionYears,
        counted_from: "case_closed",
        superseded_by: null,
        created_at: now.toISOString(),
      })),
    );
    await appendAudit(trx, tenantId, now, {
      ...auditBy(by),
      action: "disposal.record_decision",
      subjectType: "disposal_decision",
      subjectId: id,
      after: { ...data, supersededRules: superseded.map((r) => r.id) },
    });
  });
  return {
    id,
    reference: data.reference,
    title: data.title,
    decidedOn: data.decidedOn,
    authority: data.authority,
  };
}

/** A file version a run would dispose of, with the decision that allows it. */
export interface DisposalCandidate {
  fileId: string;
  documentId: string;
  caseId: string;
  description: string;
  diaryNumber: string;
  version: number;
  fileName: string;
  sha256: string;
  size: number;
  documentType: string;
  decisionId: string;
  reference: string;
  retentionEnds: string;
}

export interface DisposalPlan {
  eligible: DisposalCandidate[];
  skipped: Record<SkipReason, number>;
}

const PAGE = 200;

/** The rules in force by document type, and decisions' references by id. */
async function rulebook(ctx: Ctx) {
  const decisions = await getDecisions(ctx);
  const rules = new Map<string, DisposalRule>();
  const references = new Map<string, string>();
  for (const d of decisions) {
    references.set(d.id, d.reference);
    for (const r of d.rules) if (r.supersededBy === null) rules.set(r.documentType, r);
  }
  return { rules, references };
}

type Rulebook = Awaited<ReturnType<typeof rulebook>>;

/** Sorts one page of candidates into those to dispose of and the reasons the others stay. */
function judge(rows: CandidateRow[], book: Rulebook, today: string, plan: DisposalPlan): DisposalCandidate[] {
  const found: DisposalCandidate[] = [];
  for (const row of rows) {
    const classRule = row.class_version_id
      ? {
          versionId: row.class_version_id,
          retention: row.class_retention,
          retentionYears: row.class_retention_years === null ? null : Number(row.class_retention_years),
          decisionId: row.class_decision_id,
        }
      : null;
    const rule = applicableRule(row.document_type, classRule, book.rules);
    const verdict = disposalVerdict(
      { status: row.document_status, documentType: row.document_type },
      { disposedAt: row.disposed_at },
      { status: row.case_status, closedOn: row.closed_on },
      rule,
      today,
    );
    if (!verdict.eligible) {
      plan.skipped[verdict.reason] += 1;
      continue;
    }
    found.push({
      fileId: row.file_id,
      documentId: row.document_id,
      caseId: row.case_id,
      description: row.description,
      diaryNumber: row.diary_number,
      version: row.version,
      fileName: row.file_name,
      sha256: row.sha256,
      size: row.size,
      documentType: verdict.rule.documentType,
      decisionId: verdict.rule.decisionId,
      reference: book.references.get(verdict.rule.decisionId) ?? "",
      retentionEnds: verdict.retentionEnds,
    });
  }
  return found;
}

const emptyPlan = (): DisposalPlan => ({
  eligible: [],
  skipped: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>,
});

/** What a run would do today, without doing it: the versions to dispose of and why the rest stay. */
export async function previewDisposal(ctx: Ctx): Promise<DisposalPlan> {
  const book = await rulebook(ctx);
  const today = stockholmDate(ctx.clock.now());
  const plan = emptyPlan();
  for (let after = ""; ; ) {
    const rows = await undisposedFiles(ctx.db, ctx.config.tenantId, after, PAGE);
    plan.eligible.push(...judge(rows, book, today, plan));
    if (rows.length < PAGE) return plan;
    after = rows.at(-1)?.file_id ?? after;
  }
}

/**
 * Disposes of every eligible file version, one transaction per page: the version is marked
 * disposed of, its text cleared, its permanent record written and an audit event appended
 * together. Only after the commit are bytes removed, and only bytes no remaining version uses,
 * so a rolled-back page never loses content. Running it again disposes of nothing new.
 */
export async function runDisposal(ctx: Ctx, by: UserActor | "system"): Promise<DisposalPlan> {
  const book = await rulebook(ctx);
  const tenantId = ctx.config.tenantId;
  const plan = emptyPlan();
  for (let after = ""; ; ) {
    const now = ctx.clock.now();
    const today = stockholmDate(now);
    const { rows, done } = await ctx.db.transaction().execute(async (trx) => {
      const rows = await undisposedFiles(trx, tenantId, after, PAGE);
      const done: DisposalCandidate[] = [];
      for (const c of judge(rows, book, today, plan)) {
        // Another run may have been first: its record stands, this one skips.
        if (!(await markDisposed(trx, c.fileId, now.toISOString()))) continue;
        await insertRecord(trx, {
          id: newId(),
          tenant_id: tenantId,
          file_id: c.fileId,
          document_id: c.documentId,
          case_id: c.caseId,
          diary_number: c.diaryNumber,
          file_version: c.version,
          file_name: c.fileName,
          sha256: c.sha256,
          size: c.size,
          decision_id: c.decisionId,
          decision_reference: c.reference,
          disposed_at: now.toISOString(),
          disposed_by: by === "system" ? null : by.id,
          disposed_by_label: auditBy(by).actorLabel,
        });
        await appendAudit(trx, tenantId, now, {
          ...auditBy(by),
          action: "document.dispose_file",
          subjectType: "document",
          subjectId: c.documentId,
          after: { version: c.version, name: c.fileName, sha256: c.sha256, decision: c.reference },
        });
        done.push(c);
      }
      // The disposed text leaves the search index in the same transaction.
      for (const caseId of new Set(done.map((d) => d.caseId)))
        await reindexCase(trx, ctx.dialect, tenantId, caseId, now);
      return { rows, done };
    });
    plan.eligible.push(...done);
    for (const sha256 of new Set(done.map((d) => d.sha256)))
      if (!(await blobStillUsed(ctx.db, sha256))) await ctx.files.remove(sha256);
    if (rows.length < PAGE) return plan;
    after = rows.at(-1)?.file_id ?? after;
  }
}

export async function getDisposalRecords(ctx: Ctx, limit: number) {
  const [records, total] = await Promise.all([
    latestRecords(ctx.db, ctx.config.tenantId, limit),
    countRecords(ctx.db, ctx.config.tenantId),
  ]);
  return { records, total };
}

/** How each disposed version of a document was disposed of, by file id. */
export async function disposalsOfDocument(ctx: Ctx, documentId: string): Promise<Map<string, Disposal>> {
  const records = await recordsOfDocument(ctx.db, documentId);
  return new Map(
    records.map((r) => [
      r.file_id,
      { reference: r.decision_reference, on: stockholmDate(new Date(r.disposed_at)) },
    ]),
  );
}

/** How a disposed file version was disposed of; a version marked by hand has no decision to name. */
export async function disposalOfFile(ctx: Ctx, file: FileRow): Promise<Disposal> {
  const found = (await disposalsOfDocument(ctx, file.document_id)).get(file.id);
  return found ?? { reference: "–", on: stockholmDate(new Date(file.disposed_at ?? 0)) };
}
