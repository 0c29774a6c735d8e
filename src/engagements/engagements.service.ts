import type { UserActor } from "../auth/actor.ts";
import { auditBy } from "../auth/audit-actor.ts";
import { can } from "../auth/policy.ts";
import { findUserById } from "../auth/users.store.ts";
import { findUnit } from "../organisation/units.store.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/clock.ts";
import type { Ctx } from "../platform/context.ts";
import { type FieldError, ForbiddenError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { fieldErrors } from "../platform/validation.ts";
import type { Case } from "../registry/cases.model.ts";
import { openCase } from "../registry/cases.service.ts";
import { findCaseByDiaryNumber, toCase } from "../registry/cases.store.ts";
import { allClasses } from "../registry/classification.store.ts";
import { findRegistry } from "../registry/registries.store.ts";
import {
  type Engagement,
  type EngagementDetails,
  type EngagementFields,
  type EngagementInput,
  type EngagementStatus,
  engagementFieldsSchema,
  engagementInputSchema,
  engagementPatchSchema,
  engagementSubject,
  isStoredEngagementType,
} from "./engagements.model.ts";
import {
  type ChildRows,
  childrenOf,
  decisionsOf,
  directionsOf,
  type EngagementPageQuery,
  type EngagementRow,
  engagementPage,
  findEngagement,
  insertEngagement,
  toDecision,
  toEngagement,
  updateEngagementRow,
} from "./engagements.store.ts";
import { type Assessment, assessPrinciples, type PrincipleFinding, reviewDateOf } from "./principles.ts";
import { type Routing, routeDecision } from "./routing.ts";

/** The principles' verdict and the decision routing of an engagement, without saving anything. */
export interface EngagementAssessment extends Assessment {
  routing: Routing;
}

const asFieldError = (f: PrincipleFinding): FieldError => ({
  field: f.field,
  message: f.message,
  ...(f.params ? { params: f.params } : {}),
  ...(f.principle ? { principle: f.principle } : {}),
});

/** Applies the principles (as of today) and the routing to a parsed engagement. */
export function assessEngagement(ctx: Ctx, e: EngagementFields): EngagementAssessment {
  return { ...assessPrinciples(e, stockholmDate(ctx.clock.now())), routing: routeDecision(e) };
}

/** The assessment of a stored engagement, as it stands today. */
export const assessStored = (ctx: Ctx, e: EngagementDetails): EngagementAssessment =>
  assessEngagement(ctx, {
    ...e,
    mutualBenefit: e.mutualBenefit ?? undefined,
    theme: e.theme ?? undefined,
    endDate: e.endDate ?? undefined,
    cost: e.cost ?? undefined,
    reviewDate: e.reviewDate ?? undefined,
    lastReviewedOn: e.lastReviewedOn ?? undefined,
    financing: e.financing.map((f) => ({ ...f, funder: f.funder ?? undefined })),
  });

/** The unit and officer exist, and the actor may act for the unit (a contact person for their own only). */
async function referenceErrors(
  ctx: Ctx,
  by: UserActor | "system",
  raw: Record<string, unknown>,
  /** The unit the engagement belongs to now: keeping it needs no new right. */
  currentUnitId?: string,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const unitId = typeof raw.unitId === "string" ? raw.unitId.trim() : "";
  const officerId = typeof raw.officerId === "string" ? raw.officerId.trim() : "";
  if (unitId && unitId !== currentUnitId) {
    if (!(await findUnit(ctx.db, ctx.config.tenantId, unitId)))
      errors.push({ field: "unitId", message: "engagement.unit_unknown" });
    // A handläggare registers for their own unit, or for another one as its responsible officer.
    else if (by !== "system" && !can(by, "engagement.manage", { unitId, officerId: officerId || null }))
      errors.push({ field: "unitId", message: "engagement.unit_not_yours" });
  }
  if (officerId && !(await findUserById(ctx.db, ctx.config.tenantId, officerId)))
    errors.push({ field: "officerId", message: "engagement.officer_unknown" });
  return errors;
}

type CaseChoice = { existing: Case } | { registryId: string; classId: string } | null;

/** The case the engagement goes into: an existing open case by diary number, or a new one. */
async function caseChoice(ctx: Ctx, raw: Record<string, unknown>, errors: FieldError[]): Promise<CaseChoice> {
  const text = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string).trim() : "");
  const diaryNumber = text("caseDiaryNumber");
  if (diaryNumber) {
    const row = await findCaseByDiaryNumber(ctx.db, ctx.config.tenantId, diaryNumber);
    if (!row) errors.push({ field: "caseDiaryNumber", message: "engagement.case_not_found" });
    else if (row.status !== "open")
      errors.push({ field: "caseDiaryNumber", message: "engagement.case_closed" });
    else return { existing: toCase(row) };
    return null;
  }
  const registryId = text("registryId");
  const classId = text("classId");
  if (!registryId && !classId) {
    errors.push({ field: "caseDiaryNumber", message: "engagement.case_required" });
    return null;
  }
  const before = errors.length;
  if (!registryId) errors.push({ field: "registryId", message: "engagement.case_required" });
  else if (!(await findRegistry(ctx.db, ctx.config.tenantId, registryId)))
    errors.push({ field: "registryId", message: "validation.choice" });
  const classes = await allClasses(ctx.db, ctx.config.tenantId, stockholmDate(ctx.clock.now()));
  if (!classId) errors.push({ field: "classId", message: "engagement.case_required" });
  else if (!classes.some((c) => c.id === classId && c.current))
    errors.push({ field: "classId", message: "validation.choice" });
  return errors.length > before ? null : { registryId, classId };
}

const dedupe = (errors: FieldError[]) =>
  errors.filter((e, i) => errors.findIndex((o) => o.field === e.field && o.message === e.message) === i);

export interface CheckedInput {
  data: EngagementInput | null;
  /** Everything that blocks: the form's own errors, the references and the principles. */
  errors: FieldError[];
  assessment: EngagementAssessment | null;
}

/** Every problem with a new engagement at once, and its assessment when the input is readable. */
export async function checkNewEngagement(
  ctx: Ctx,
  by: UserActor | "system",
  input: unknown,
): Promise<CheckedInput> {
  const raw = (input ?? {}) as Record<string, unknown>;
  const parsed = engagementInputSchema.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  errors.push(...(await referenceErrors(ctx, by, raw)));
  await caseChoice(ctx, raw, errors);
  const readable = parsed.success ? parsed.data : readablePart(raw, errors);
  const assessment = readable ? assessEngagement(ctx, readable) : null;
  if (assessment) errors.push(...principleErrors(assessment, errors));
  return { data: parsed.success ? parsed.data : null, errors: dedupe(errors), assessment };
}

/**
 * The fields of an invalid input that are valid by themselves, with the defaults of the
 * missing ones, so the principles are checked too and every error is reported at once.
 */
function readablePart(raw: Record<string, unknown>, errors: FieldError[]): EngagementFields | null {
  const invalid = new Set(errors.map((e) => e.field.split(".")[0]));
  const valid = Object.fromEntries(
    Object.entries(raw).filter(([k]) => !invalid.has(k) && k in engagementFieldsSchema.shape),
  );
  const partial = engagementFieldsSchema.partial().safeParse(valid);
  if (!partial.success || !partial.data.type || !partial.data.startDate) return null;
  return {
    title: "",
    unitId: "",
    officerId: "",
    scope: "service",
    directions: [],
    purpose: "",
    ...partial.data,
    type: partial.data.type,
    startDate: partial.data.startDate,
    unitsAffected: partial.data.unitsAffected ?? 1,
    politicalLevel: partial.data.politicalLevel ?? "normal",
    addsResourceBurden: partial.data.addsResourceBurden ?? false,
    onBehalfOf: partial.data.onBehalfOf ?? "unit",
    touchesStateRelations: partial.data.touchesStateRelations ?? false,
    counterparts: partial.data.counterparts ?? [],
    financing: partial.data.financing ?? [],
    prioritised: partial.data.prioritised ?? false,
  };
}

/** The principles' errors, leaving out fields that already have an error of their own. */
const principleErrors = (a: EngagementAssessment, errors: FieldError[]) =>
  a.errors.filter((f) => !errors.some((e) => e.field.split(".")[0] === f.field)).map(asFieldError);

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
    cost: e.cost ?? null,
    prioritised: e.prioritised ? 1 : 0,
    review_date: a.derived.reviewDate,
    last_reviewed_on: e.lastReviewedOn ?? null,
    deciding_body: a.routing.body,
    deciding_unit_id: a.routing.unitId,
    routing_rule: a.routing.rule,
  };
}

/**
 * Registers an engagement. Every problem (the form, the case, the principles) is found before
 * anything is written; then its case is opened (unless an existing one was chosen) and the
 * engagement, its child rows and the audit event are written in one transaction.
 */
export async function registerEngagement(
  ctx: Ctx,
  by: UserActor | "system",
  input: unknown,
): Promise<{ engagement: EngagementDetails; assessment: EngagementAssessment }> {
  const { data, errors, assessment } = await checkNewEngagement(ctx, by, input);
  if (!data || !assessment || errors.length > 0 || !isStoredEngagementType(data.type))
    throw new ValidationError(errors);
  const raw = input as Record<string, unknown>;
  const choice = await caseChoice(ctx, raw, []);
  if (!choice) throw new ValidationError([{ field: "caseDiaryNumber", message: "engagement.case_required" }]);
  const c =
    "existing" in choice
      ? choice.existing
      : await openCase(ctx, by, {
          title: data.title,
          classId: choice.classId,
          registryId: choice.registryId,
          unitId: data.unitId,
          officerId: data.officerId,
        });

  const now = ctx.clock.now().toISOString();
  const id = newId();
  const row: EngagementRow = {
    id,
    tenant_id: ctx.config.tenantId,
    case_id: c.id,
    type: data.type,
    ...factColumns(data, assessment),
    status: "proposed",
    created_by: by === "system" ? null : by.id,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertEngagement(trx, row, childRows(id, data));
    await appendAudit(trx, ctx.config.tenantId, new Date(now), {
      ...auditBy(by),
      action: "engagement.register",
      subjectType: "engagement",
      subjectId: id,
      after: {
        ...toEngagement(row, data.directions),
        counterparts: data.counterparts,
        financing: data.financing,
      },
    });
  });
  return { engagement: await getEngagement(ctx, id), assessment };
}

export async function getEngagement(ctx: Ctx, id: string): Promise<EngagementDetails> {
  const row = await findEngagement(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  const [directions, children, decisions] = await Promise.all([
    directionsOf(ctx.db, [id]),
    childrenOf(ctx.db, id),
    decisionsOf(ctx.db, id),
  ]);
  return {
    ...toEngagement(row, directions.get(id) ?? []),
    ...children,
    decisions: decisions.map(toDecision),
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
    prioritised: e.prioritised,
    lastReviewedOn: e.lastReviewedOn ?? undefined,
    // A derived review date is not kept as if given by hand: it follows the start and the last review.
    reviewDate:
      e.reviewDate === reviewDateOf({ ...e, reviewDate: null }) ? undefined : (e.reviewDate ?? undefined),
  });
}

/**
 * Changes an engagement: the changed facts are merged with the stored ones and checked as a
 * whole (principles included); the routing is worked out again. Ending needs an approval first.
 */
export async function updateEngagement(
  ctx: Ctx,
  by: UserActor,
  id: string,
  input: unknown,
): Promise<{ engagement: EngagementDetails; assessment: EngagementAssessment }> {
  const before = await getEngagement(ctx, id);
  if (!can(by, "engagement.manage", engagementSubject(before))) throw new ForbiddenError();
  const raw = (input ?? {}) as Record<string, unknown>;
  const patch = engagementPatchSchema.safeParse(input);
  const errors = patch.success ? [] : fieldErrors(patch.error.issues);
  errors.push(...(await referenceErrors(ctx, by, raw, before.unitId)));
  if (patch.success && patch.data.status === "ended" && before.status !== "approved")
    errors.push({ field: "status", message: "engagement.end_only_approved" });
  const { status: _s, ...changes } = patch.success ? patch.data : { status: undefined };
  // null clears an optional fact; a field left out keeps its value.
  const cleared = Object.fromEntries(
    Object.entries(changes)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v === null ? undefined : v]),
  );
  const merged = engagementFieldsSchema.safeParse({ ...asFields(before), ...cleared });
  if (!merged.success) errors.push(...fieldErrors(merged.error.issues));
  const assessment = merged.success ? assessEngagement(ctx, merged.data) : null;
  if (assessment) errors.push(...principleErrors(assessment, errors));
  if (!merged.success || !assessment || errors.length > 0) throw new ValidationError(dedupe(errors));

  const data = merged.data;
  const now = ctx.clock.now().toISOString();
  const status: EngagementStatus = patch.data?.status ?? before.status;
  const existing = await findEngagement(ctx.db, ctx.config.tenantId, id);
  if (!existing) throw new NotFoundError();
  const row: EngagementRow = { ...existing, ...factColumns(data, assessment), status, updated_at: now };
  await ctx.db.transaction().execute(async (trx) => {
    await updateEngagementRow(trx, row, childRows(id, data));
    await appendAudit(trx, ctx.config.tenantId, new Date(now), {
      ...auditBy(by),
      action: "engagement.update",
      subjectType: "engagement",
      subjectId: id,
      before: { ...before, decisions: undefined },
      after: {
        ...toEngagement(row, data.directions),
        counterparts: data.counterparts,
        financing: data.financing,
      },
    });
  });
  return { engagement: await getEngagement(ctx, id), assessment };
}
