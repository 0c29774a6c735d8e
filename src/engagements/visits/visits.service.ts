import { ANONYMOUS, auditBy, can, type UserActor } from "../../auth/index.ts";
import { listAllUnits } from "../../organisation/index.ts";
import { appendAudit } from "../../platform/audit/audit.service.ts";
import type { Ctx } from "../../platform/context.ts";
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { fieldErrors } from "../../platform/validation.ts";
import { type Case, writePreparedDocument } from "../../registry/index.ts";
import {
  type PreparedEngagement,
  prepareEngagement,
  writePreparedEngagement,
} from "../engagements.service.ts";
import { caseLetterhead, openCaseFor, prepareOutgoingLetter } from "../letters/outgoing-letter.ts";
import { invitationLetterFindings } from "../principles.ts";
import { visitLetter } from "./visit-letter.ts";
import {
  assessmentSchema,
  assessmentSupports,
  KS_UNIT_ID,
  type LetterKind,
  outcomeSchema,
  routeVisitRequest,
  type VisitOutcome,
  type VisitRequest,
  visitRequestSchema,
  visitSubject,
} from "./visits.model.ts";
import {
  findVisitRequest,
  insertVisitRequest,
  toVisitRequest,
  unitsOf,
  updateVisitRequest,
  visitRequestPage,
} from "./visits.store.ts";

/**
 * Takes in a visit request from the public form (`"public"`) or an officer, routed to KS or the
 * unit concerned. Every problem is reported at once and nothing is written then. The requester's
 * details stay in the request, not in the audit trail.
 */
export async function receiveVisitRequest(
  ctx: Ctx,
  by: UserActor | "public",
  input: unknown,
): Promise<VisitRequest> {
  const parsed = visitRequestSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const raw = (input ?? {}) as Record<string, unknown>;
  const from = visitRequestSchema.shape.visitFrom.safeParse(raw.visitFrom);
  const to = visitRequestSchema.shape.visitTo.safeParse(raw.visitTo);
  if (from.success && to.success && to.data < from.data)
    errors.push({ field: "visitTo", message: "visit.dates_order" });
  const unitIds = [...new Set(visitRequestSchema.shape.unitIds.safeParse(raw.unitIds).data ?? [])];
  const known = new Set((await listAllUnits(ctx)).map((u) => u.id));
  if (unitIds.some((id) => !known.has(id))) errors.push({ field: "unitIds", message: "visit.unit_unknown" });
  if (!parsed.success || errors.length > 0) throw new ValidationError(errors);
  const d = parsed.data;
  const routing = routeVisitRequest(unitIds, d.politicalLevel);
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    received_via: by === "public" ? ("public" as const) : ("officer" as const),
    organisation: d.organisation,
    country: d.country,
    contact_name: d.contactName,
    contact_email: d.contactEmail,
    visit_from: d.visitFrom,
    visit_to: d.visitTo,
    participants: d.participants,
    purpose: d.purpose,
    political_level: d.politicalLevel,
    coordinator: routing.coordinator,
    coordinator_unit_id: routing.unitId,
    routing_rule: routing.rule,
    status: "received" as const,
    mutual_learning: null,
    new_perspectives: null,
    service_development: null,
    raised_competence: null,
    city_image: null,
    resident_ties: null,
    assessment_note: null,
    prioritised: null,
    assessed_by: null,
    assessed_at: null,
    outcome: null,
    outcome_note: null,
    referred_to: null,
    letter_kind: null,
    letter_document_id: null,
    engagement_id: null,
    decided_by: null,
    decided_at: null,
    created_by: by === "public" ? null : by.id,
    received_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertVisitRequest(trx, row, unitIds);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by === "public" ? ANONYMOUS : by),
      action: "visit_request.receive",
      subjectType: "visit_request",
      subjectId: row.id,
      after: { receivedVia: row.received_via, unitIds, routing },
    });
  });
  return toVisitRequest(row, unitIds);
}

export async function getVisitRequest(ctx: Ctx, id: string): Promise<VisitRequest> {
  const row = await findVisitRequest(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  return toVisitRequest(row, (await unitsOf(ctx.db, [id])).get(id) ?? []);
}

/** Visit requests, newest first. */
export async function listVisitRequests(ctx: Ctx, limit = 200): Promise<VisitRequest[]> {
  const rows = await visitRequestPage(ctx.db, ctx.config.tenantId, limit);
  const units = await unitsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toVisitRequest(r, units.get(r.id) ?? []));
}

/** Only the coordinating unit's people (and admins) assess and decide a request; everyone may read it, so 403. */
function requireHandler(by: UserActor, v: VisitRequest): void {
  if (!can(by, "visit_request.handle", visitSubject(v))) throw new ForbiddenError();
}

const decided = (v: VisitRequest) =>
  new ConflictError(`the visit request is ${v.status}`, v.status === "decided" ? [] : ["assess", "decide"]);

/** Records the assessment against the strategy's checklist; it may be revised until the request is decided. */
export async function assessVisitRequest(ctx: Ctx, by: UserActor, id: string, input: unknown) {
  const before = await getVisitRequest(ctx, id);
  requireHandler(by, before);
  if (before.status === "decided") throw decided(before);
  const parsed = assessmentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  const a = parsed.data;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await updateVisitRequest(trx, id, ["received", "assessed"], {
      status: "assessed",
      mutual_learning: a.mutualLearning ? 1 : 0,
      new_perspectives: a.newPerspectives ? 1 : 0,
      service_development: a.serviceDevelopment ? 1 : 0,
      raised_competence: a.raisedCompetence ? 1 : 0,
      city_image: a.cityImage ? 1 : 0,
      resident_ties: a.residentTies ? 1 : 0,
      prioritised: a.prioritised ? 1 : 0,
      assessment_note: a.assessmentNote,
      assessed_by: by.id,
      assessed_at: now.toISOString(),
    });
    if (!done) throw decided(before);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "visit_request.assess",
      subjectType: "visit_request",
      subjectId: id,
      before: before.checklist,
      after: { ...a, supports: assessmentSupports(a) },
    });
  });
  return getVisitRequest(ctx, id);
}

/** The engagement an accepted visit becomes (type `visit`), in the case the letter goes into. */
function engagementInput(v: VisitRequest, by: UserActor, caseDiaryNumber: string) {
  const checklist = v.checklist;
  return {
    type: "visit",
    title: `Besök: ${v.organisation}`.slice(0, 300),
    unitId: v.routing.unitId ?? KS_UNIT_ID,
    officerId: by.id,
    scope: "service",
    unitsAffected: Math.max(1, v.unitIds.length),
    politicalLevel: v.politicalLevel,
    onBehalfOf: v.routing.coordinator === "KS" ? "KS" : "unit",
    directions: checklist?.cityImage ? ["samverkan", "profilering"] : ["samverkan"],
    purpose: v.purpose,
    // What the assessment found the visit brings: P5 asks it of a prioritised visit.
    mutualBenefit: v.assessmentNote ?? undefined,
    startDate: v.visitFrom,
    endDate: v.visitTo,
    counterparts: [{ kind: "organisation", name: v.organisation.slice(0, 200), country: v.country }],
    prioritised: v.prioritised === true,
    caseDiaryNumber,
  };
}

const letterKindOf = (outcome: VisitOutcome, invitation: boolean): LetterKind =>
  outcome === "accept"
    ? invitation
      ? "invitation"
      : "acceptance"
    : outcome === "decline"
      ? "decline"
      : "referral";

/**
 * The engagement an accepted visit becomes, prepared in the case named; its own problems (its
 * principles, the unit) are added to `errors` on the decision's outcome.
 */
async function prepareVisitEngagement(
  ctx: Ctx,
  by: UserActor,
  v: VisitRequest,
  c: Case,
  errors: FieldError[],
): Promise<PreparedEngagement | null> {
  try {
    return await prepareEngagement(ctx, by, engagementInput(v, by, c.diaryNumber));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    errors.push(...error.fields.map((e) => ({ ...e, field: "outcome" })));
    return null;
  }
}

/**
 * Decides an assessed request: accept (becomes an engagement of type visit), decline or refer,
 * with a letter (a Word file) registered as an outgoing document in the open case named. An
 * invitation letter only under P5: a prioritised visit whose assessment supports it. Every
 * problem, the engagement's included, is found before anything is written; then the letter, the
 * engagement, the request's outcome and their audit events are written in one transaction.
 */
export async function decideVisitRequest(ctx: Ctx, by: UserActor, id: string, input: unknown) {
  const v = await getVisitRequest(ctx, id);
  requireHandler(by, v);
  if (v.status !== "assessed") throw decided(v);
  const parsed = outcomeSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const raw = (input ?? {}) as Record<string, unknown>;
  const outcome = outcomeSchema.shape.outcome.safeParse(raw.outcome).data;
  // A bad value is already among `errors` (from the whole schema); here it only counts as "no".
  const invitation = outcomeSchema.shape.invitationLetter.safeParse(raw.invitationLetter).data === true;
  if (outcome === "refer" && !(typeof raw.referredTo === "string" && raw.referredTo.trim()))
    errors.push({ field: "referredTo", message: "visit.referred_to_required" });
  if (invitation && outcome !== "accept")
    errors.push({ field: "invitationLetter", message: "visit.invitation_only_accept" });
  if (invitation && outcome === "accept") {
    const findings = invitationLetterFindings({
      type: "visit",
      prioritised: v.prioritised === true,
      assessmentSupports: v.checklist ? assessmentSupports(v.checklist) : null,
    });
    errors.push(...findings.map((f) => ({ field: "invitationLetter", message: f.message })));
  }
  const diaryNumber = typeof raw.caseDiaryNumber === "string" ? raw.caseDiaryNumber : undefined;
  const c = await openCaseFor(ctx, by, diaryNumber, errors, "caseDiaryNumber");
  const engagement = outcome === "accept" && c ? await prepareVisitEngagement(ctx, by, v, c, errors) : null;
  if (!parsed.success || !c || errors.length > 0)
    throw new ValidationError(
      errors.filter((e, i) => errors.findIndex((o) => o.field === e.field && o.message === e.message) === i),
    );
  const d = parsed.data;
  const kind = letterKindOf(d.outcome, d.invitationLetter);
  const letter = await prepareOutgoingLetter(ctx, by, c.id, {
    ...(await visitLetter(kind, v, d.outcomeNote, d.referredTo ?? null, await caseLetterhead(ctx, by, c))),
    party: `${v.contactName}, ${v.organisation}`,
  });
  const now = ctx.clock.now();
  const letterDocumentId = letter.row.id;
  const engagementId = engagement?.row.id ?? null;
  await ctx.db.transaction().execute(async (trx) => {
    await writePreparedDocument(ctx, trx, letter);
    if (engagement) await writePreparedEngagement(ctx, trx, engagement);
    const done = await updateVisitRequest(trx, id, ["assessed"], {
      status: "decided",
      outcome: d.outcome,
      outcome_note: d.outcomeNote,
      referred_to: d.referredTo ?? null,
      letter_kind: kind,
      letter_document_id: letterDocumentId,
      engagement_id: engagementId,
      decided_by: by.id,
      decided_at: now.toISOString(),
    });
    if (!done) throw decided(v);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "visit_request.decide",
      subjectType: "visit_request",
      subjectId: id,
      after: { outcome: d.outcome, letterKind: kind, letterDocumentId, engagementId },
    });
  });
  return getVisitRequest(ctx, id);
}
