import { can, findUserById, type UserActor } from "../auth/index.ts";
import { findUnit, listAllUnits } from "../organisation/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import type { FieldError } from "../platform/errors.ts";
import { dedupe, fieldErrors } from "../platform/validation.ts";
import { allClasses, type Case, findCaseByDiaryNumber, findRegistry, toCase } from "../registry/index.ts";
import {
  type EngagementDetails,
  type EngagementFields,
  type EngagementInput,
  engagementFieldsSchema,
  engagementInputSchema,
  withUnitCount,
} from "./engagements.model.ts";
import { type Assessment, assessPrinciples, type PrincipleFinding } from "./principles.ts";
import { type Routing, routeDecision } from "./routing.ts";

/*
 * The checks of an engagement's input, before anything is written: the form, the references (unit,
 * officer, registry, class, case), the principles and the decision routing. Every problem is found
 * at once, so a form reports them together.
 */

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
export async function referenceErrors(
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
  const affected = Array.isArray(raw.affectedUnitIds) ? raw.affectedUnitIds : [];
  if (affected.length > 0) {
    const known = new Set((await listAllUnits(ctx)).map((u) => u.id));
    if (affected.some((id) => typeof id === "string" && !known.has(id.trim())))
      errors.push({ field: "affectedUnitIds", message: "engagement.affected_unit_unknown" });
  }
  return errors;
}

export type CaseChoice = { existing: Case } | { registryId: string; classId: string } | null;

/** The case the engagement goes into: an existing open case by diary number, or a new one. */
export async function caseChoice(
  ctx: Ctx,
  raw: Record<string, unknown>,
  errors: FieldError[],
): Promise<CaseChoice> {
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
  else if (!classes.some((c) => c.id === classId && c.current && !c.retired))
    errors.push({ field: "classId", message: "validation.choice" });
  return errors.length > before ? null : { registryId, classId };
}

export interface CheckedInput {
  data: EngagementInput | null;
  /** Everything that blocks: the form's own errors, the references and the principles. */
  errors: FieldError[];
  assessment: EngagementAssessment | null;
  /** The case the engagement goes into, when the case fields are in order. */
  choice: CaseChoice;
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
  const data = parsed.success ? withUnitCount(parsed.data) : null;
  errors.push(...(await referenceErrors(ctx, by, raw)));
  const choice = await caseChoice(ctx, raw, errors);
  const readable = data ?? readablePart(raw, errors);
  const assessment = readable ? assessEngagement(ctx, readable) : null;
  if (assessment) errors.push(...principleErrors(assessment, errors));
  return { data, errors: dedupe(errors, "message"), assessment, choice };
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
  return withUnitCount<EngagementFields>({
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
    affectedUnitIds: partial.data.affectedUnitIds ?? [],
    politicalLevel: partial.data.politicalLevel ?? "normal",
    addsResourceBurden: partial.data.addsResourceBurden ?? false,
    onBehalfOf: partial.data.onBehalfOf ?? "unit",
    touchesStateRelations: partial.data.touchesStateRelations ?? false,
    counterparts: partial.data.counterparts ?? [],
    financing: partial.data.financing ?? [],
    prioritised: partial.data.prioritised ?? false,
    yearCosts: partial.data.yearCosts ?? [],
    secret: partial.data.secret ?? false,
  });
}

/** The principles' errors, leaving out fields that already have an error of their own. */
export const principleErrors = (a: EngagementAssessment, errors: FieldError[]) =>
  a.errors.filter((f) => !errors.some((e) => e.field.split(".")[0] === f.field)).map(asFieldError);
