import { auditBy, can, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import { ForbiddenError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { dedupe, fieldErrors } from "../platform/validation.ts";
import { type PreparedCase, prepareCase, writePreparedCase } from "../registry/index.ts";
import { materialChanges, storedCost } from "./approved-changes.ts";
import {
  assessEngagement,
  type CaseChoice,
  checkNewEngagement,
  type EngagementAssessment,
  principleErrors,
  referenceErrors,
} from "./engagement-checks.ts";
import {
  type Engagement,
  type EngagementDetails,
  type EngagementFields,
  type EngagementInput,
  type EngagementStatus,
  engagementFieldsSchema,
  engagementPatchSchema,
  engagementSubject,
  isStoredEngagementType,
  type MaterialFact,
  withUnitCount,
} from "./engagements.model.ts";
import {
  type ChildRows,
  changesOf,
  childrenOf,
  decisionsOf,
  directionsOf,
  type EngagementPageQuery,
  type EngagementRow,
  engagementPage,
  findEngagement,
  insertChange,
  insertEngagement,
  toDecision,
  toEngagement,
  updateEngagementRow,
} from "./engagements.store.ts";
import { reviewDateOf } from "./principles.ts";

function childRows(id: string, e: EngagementFields): ChildRows {
  return {
    directions: e.directions.map((direction) => ({ engagement_id: id, direction })),
    counterparts: e.counterparts.map((c, i) => ({ id: newId(), engagement_id: id, position: i, ...c })),
    financing: e.financing.map((f, i) => ({
      id: newId(),
      engagement_id: id,
      position: i,
      source: f.source,
      funder: f.funder ?? null,
      share_percent: f.sharePercent,
    })),
    yearCosts: e.yearCosts.map((y) => ({ engagement_id: id, year: y.year, amount: y.amount })),
    units: e.affectedUnitIds.map((unit_id) => ({ engagement_id: id, unit_id })),
  };
}

/** The columns an engagement's facts and assessment give. */
function factColumns(e: EngagementFields, a: EngagementAssessment) {
  return {
    title: e.title,
    unit_id: e.unitId,
    officer_id: e.officerId,
    scope: e.scope,
    units_affected: e.unitsAffected,
    political_level: e.politicalLevel,
    adds_resource_burden: e.addsResourceBurden ? 1 : 0,
    on_behalf_of: e.onBehalfOf,
    touches_state_relations: e.touchesStateRelations ? 1 : 0,
    purpose: e.purpose,
    mutual_benefit: e.mutualBenefit ?? null,
    theme: e.theme ?? null,
    start_date: e.startDate,
    end_date: e.endDate ?? null,
    cost: storedCost(e),
    prioritised: e.prioritised ? 1 : 0,
    secret: e.secret ? 1 : 0,
    review_date: a.derived.reviewDate,
    last_reviewed_on: e.lastReviewedOn ?? null,
    deciding_body: a.routing.body,
    deciding_unit_id: a.routing.unitId,
    routing_rule: a.routing.rule,
  };
}

/** A new engagement checked (form, references, case, principles), ready for the command's transaction. */
export interface PreparedEngagement {
  row: EngagementRow;
  children: ChildRows;
  data: EngagementInput;
  assessment: EngagementAssessment;
  /** The case opened with it, unless an existing open case was chosen. */
  newCase: PreparedCase | null;
  by: UserActor | "system";
}

/** The case an engagement goes into: an existing open one, or a new one prepared to be opened with it. */
async function caseToPrepare(
  ctx: Ctx,
  by: UserActor | "system",
  data: EngagementInput,
  choice: NonNullable<CaseChoice>,
): Promise<{ caseId: string; newCase: PreparedCase | null }> {
  if ("existing" in choice) return { caseId: choice.existing.id, newCase: null };
  const newCase = await prepareCase(ctx, by, {
    title: data.title,
    classId: choice.classId,
    registryId: choice.registryId,
    unitId: data.unitId,
    officerId: data.officerId,
  });
  return { caseId: newCase.id, newCase };
}

/** Checks a new engagement and its case: every problem is reported at once and nothing is written. */
export async function prepareEngagement(
  ctx: Ctx,
  by: UserActor | "system",
  input: unknown,
): Promise<PreparedEngagement> {
  const { data, errors, assessment, choice } = await checkNewEngagement(ctx, by, input);
  // A missing case choice has put its error in `errors`; `!choice` only narrows the type.
  if (!data || !assessment || !choice || errors.length > 0 || !isStoredEngagementType(data.type))
    throw new ValidationError(errors);
  const { caseId, newCase } = await caseToPrepare(ctx, by, data, choice);
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const row: EngagementRow = {
    id,
    tenant_id: ctx.config.tenantId,
    case_id: caseId,
    type: data.type,
    ...factColumns(data, assessment),
    status: "proposed",
    created_by: by === "system" ? null : by.id,
    created_at: now,
    updated_at: now,
  };
  return { row, children: childRows(id, data), data, assessment, newCase, by };
}

/** Writes a prepared engagement in the caller's transaction: its new case, its rows and its audit event. */
export async function writePreparedEngagement(
  ctx: Ctx,
  trx: Db,
  prepared: PreparedEngagement,
): Promise<void> {
  const { row, children, data, newCase, by } = prepared;
  if (newCase) await writePreparedCase(ctx, trx, newCase);
  await insertEngagement(trx, row, children);
  await appendAudit(trx, ctx.config.tenantId, new Date(row.created_at), {
    ...auditBy(by),
    action: "engagement.register",
    subjectType: "engagement",
    subjectId: row.id,
    after: {
      ...toEngagement(row, data.directions),
      counterparts: data.counterparts,
      financing: data.financing,
      yearCosts: data.yearCosts,
      affectedUnitIds: data.affectedUnitIds,
    },
  });
}

/**
 * Registers an engagement. Every problem (the form, the case, the principles) is found before
 * anything is written; then its case (unless an existing one was chosen), the engagement, its
 * child rows and the audit events are written in one transaction.
 */
export async function registerEngagement(
  ctx: Ctx,
  by: UserActor | "system",
  input: unknown,
): Promise<{ engagement: EngagementDetails; assessment: EngagementAssessment }> {
  const prepared = await prepareEngagement(ctx, by, input);
  await ctx.db.transaction().execute((trx) => writePreparedEngagement(ctx, trx, prepared));
  return { engagement: await getEngagement(ctx, prepared.row.id), assessment: prepared.assessment };
}

export async function getEngagement(ctx: Ctx, id: string): Promise<EngagementDetails> {
  const row = await findEngagement(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  const [directions, children, decisions, changes] = await Promise.all([
    directionsOf(ctx.db, [id]),
    childrenOf(ctx.db, id),
    decisionsOf(ctx.db, id),
    changesOf(ctx.db, id),
  ]);
  return {
    ...toEngagement(row, directions.get(id) ?? []),
    ...children,
    decisions: decisions.map(toDecision),
    changes,
  };
}

/** Engagements newest first, filtered by type, unit, status or a year they run in. */
export async function listEngagements(
  ctx: Ctx,
  q: Omit<EngagementPageQuery, "tenantId">,
): Promise<Engagement[]> {
  const rows = await engagementPage(ctx.db, { ...q, tenantId: ctx.config.tenantId });
  const directions = await directionsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toEngagement(r, directions.get(r.id) ?? []));
}

/** The stored engagement as the input the form and the API take (for editing). */
export function asFields(e: EngagementDetails): EngagementFields {
  return engagementFieldsSchema.parse({
    type: e.type,
    title: e.title,
    unitId: e.unitId,
    officerId: e.officerId,
    scope: e.scope,
    unitsAffected: e.unitsAffected,
    affectedUnitIds: e.affectedUnitIds,
    politicalLevel: e.politicalLevel,
    addsResourceBurden: e.addsResourceBurden,
    onBehalfOf: e.onBehalfOf,
    touchesStateRelations: e.touchesStateRelations,
    directions: e.directions,
    purpose: e.purpose,
    mutualBenefit: e.mutualBenefit ?? undefined,
    theme: e.theme ?? undefined,
    startDate: e.startDate,
    endDate: e.endDate ?? undefined,
    counterparts: e.counterparts,
    financing: e.financing.map((f) => ({ ...f, funder: f.funder ?? undefined })),
    cost: e.cost ?? undefined,
    yearCosts: e.yearCosts,
    prioritised: e.prioritised,
    secret: e.secret,
    lastReviewedOn: e.lastReviewedOn ?? undefined,
    // A derived review date is not kept as if given by hand: it follows the start and the last review.
    reviewDate:
      e.reviewDate === reviewDateOf({ ...e, reviewDate: null }) ? undefined : (e.reviewDate ?? undefined),
  });
}

/** A change to an engagement, checked as a whole, ready for the command's transaction. */
export interface EngagementUpdate {
  before: EngagementDetails;
  row: EngagementRow;
  children: ChildRows;
  data: EngagementFields;
  assessment: EngagementAssessment;
  by: UserActor;
  /** Set when an approved engagement's cost, period, scope, counterparts or financing changed. */
  reopened: { changed: MaterialFact[]; reason: string } | null;
}

/**
 * Checks a change to an engagement: the changed facts are merged with the stored ones and checked
 * as a whole (principles included); the routing is worked out again. Ending needs an approval
 * first. A change to what an approval rests on sends the engagement back to proposed and needs a
 * reason (`approved-changes.ts`). Nothing is written.
 */
export async function prepareEngagementUpdate(
  ctx: Ctx,
  by: UserActor,
  id: string,
  input: unknown,
): Promise<EngagementUpdate> {
  const before = await getEngagement(ctx, id);
  if (!can(by, "engagement.manage", engagementSubject(before))) throw new ForbiddenError();
  const raw = (input ?? {}) as Record<string, unknown>;
  const patch = engagementPatchSchema.safeParse(input);
  const errors = patch.success ? [] : fieldErrors(patch.error.issues);
  errors.push(...(await referenceErrors(ctx, by, raw, before.unitId)));
  if (patch.success && patch.data.status === "ended" && before.status !== "approved")
    errors.push({ field: "status", message: "engagement.end_only_approved" });
  const {
    status: _s,
    changeReason,
    ...changes
  } = patch.success ? patch.data : { status: undefined, changeReason: undefined };
  // null clears an optional fact; a field left out keeps its value.
  const cleared = Object.fromEntries(
    Object.entries(changes)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v === null ? undefined : v]),
  );
  // Unticking every unit without giving a number leaves one unit affected, not the old count.
  if (changes.affectedUnitIds && changes.unitsAffected === undefined) cleared.unitsAffected = 1;
  const parsedMerge = engagementFieldsSchema.safeParse({ ...asFields(before), ...cleared });
  const merged = parsedMerge.success
    ? { ...parsedMerge, data: withUnitCount(parsedMerge.data) }
    : parsedMerge;
  if (!merged.success) errors.push(...fieldErrors(merged.error.issues));
  const assessment = merged.success ? assessEngagement(ctx, merged.data) : null;
  if (assessment) errors.push(...principleErrors(assessment, errors));
  const changed =
    merged.success && before.status === "approved" ? materialChanges(asFields(before), merged.data) : [];
  if (changed.length > 0 && !changeReason)
    errors.push({ field: "changeReason", message: "engagement.change_reason_required" });
  if (changed.length > 0 && patch.data?.status === "ended")
    errors.push({ field: "status", message: "engagement.end_without_changes" });
  if (!merged.success || !assessment || errors.length > 0)
    throw new ValidationError(dedupe(errors, "message"));

  const data = merged.data;
  const status: EngagementStatus = changed.length > 0 ? "proposed" : (patch.data?.status ?? before.status);
  const existing = await findEngagement(ctx.db, ctx.config.tenantId, id);
  if (!existing) throw new NotFoundError();
  const updatedAt = ctx.clock.now().toISOString();
  const row: EngagementRow = { ...existing, ...factColumns(data, assessment), status, updated_at: updatedAt };
  const reopened = changed.length > 0 && changeReason ? { changed, reason: changeReason } : null;
  return { before, row, children: childRows(id, data), data, assessment, by, reopened };
}

/** Writes a prepared change and its audit event in the caller's transaction. */
export async function writeEngagementUpdate(ctx: Ctx, trx: Db, update: EngagementUpdate): Promise<void> {
  const { before, row, children, data, by, reopened } = update;
  await updateEngagementRow(trx, row, children);
  if (reopened)
    await insertChange(trx, {
      id: newId(),
      tenant_id: ctx.config.tenantId,
      engagement_id: row.id,
      changed: reopened.changed.join(","),
      reason: reopened.reason,
      status_before: before.status,
      status_after: row.status,
      changed_by: by.id,
      created_at: row.updated_at,
    });
  await appendAudit(trx, ctx.config.tenantId, new Date(row.updated_at), {
    ...auditBy(by),
    action: reopened ? "engagement.reopen" : "engagement.update",
    subjectType: "engagement",
    subjectId: row.id,
    before: { ...before, decisions: undefined, changes: undefined },
    after: {
      ...toEngagement(row, data.directions),
      counterparts: data.counterparts,
      financing: data.financing,
      yearCosts: data.yearCosts,
      affectedUnitIds: data.affectedUnitIds,
      ...(reopened ? { changed: reopened.changed, reason: reopened.reason } : {}),
    },
  });
}

/** Changes an engagement (see `prepareEngagementUpdate`), in one transaction with its audit event. */
export async function updateEngagement(
  ctx: Ctx,
  by: UserActor,
  id: string,
  input: unknown,
): Promise<{ engagement: EngagementDetails; assessment: EngagementAssessment }> {
  const update = await prepareEngagementUpdate(ctx, by, id, input);
  await ctx.db.transaction().execute((trx) => writeEngagementUpdate(ctx, trx, update));
  return { engagement: await getEngagement(ctx, id), assessment: update.assessment };
}
