import { ANONYMOUS, auditBy, can, type UserActor } from "../../auth/index.ts";
import { findUnit, listAllUnits } from "../../organisation/index.ts";
import { appendAudit } from "../../platform/audit/audit.service.ts";
import type { Ctx } from "../../platform/context.ts";
import type { Db } from "../../platform/db/database.ts";
import {
  ConflictError,
  type FieldError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from "../../platform/errors.ts";
import { type Locale, translator } from "../../platform/i18n/index.ts";
import { newId } from "../../platform/ids.ts";
import { queueMail } from "../../platform/mail/mail.service.ts";
import { dedupe, fieldErrors } from "../../platform/validation.ts";
import {
  type Case,
  caseSubject,
  changeCaseStatusIn,
  getCase,
  getCaseDocuments,
  getDocument,
  signOffIn,
  writePreparedCase,
  writePreparedDocument,
} from "../../registry/index.ts";
import type { EngagementDecision, EngagementDetails } from "../engagements.model.ts";
import {
  getEngagement,
  type PreparedEngagement,
  prepareEngagement,
  writePreparedEngagement,
} from "../engagements.service.ts";
import { caseLetterhead, openCaseFor, prepareOutgoingLetter } from "../letters/outgoing-letter.ts";
import { invitationLetterFindings } from "../principles.ts";
import { type ApprovingDecision, invitationLetter, visitLetter } from "./visit-letter.ts";
import {
  coordinatorNotice,
  prepareRequestDocument,
  prepareRequestRegistration,
  type RequestFacts,
  receiptMail,
} from "./visit-registration.ts";
import {
  assessmentSchema,
  assessmentSupports,
  invitationSchema,
  KS_UNIT_ID,
  type LetterKind,
  moveSchema,
  officerVisitRequestSchema,
  outcomeSchema,
  routeVisitRequest,
  type VisitOutcome,
  type VisitRequest,
  visitRequestSchema,
  visitSubject,
  writeOffSchema,
} from "./visits.model.ts";
import {
  findVisitRequest,
  insertVisitRequest,
  setInvitationDocument,
  toVisitRequest,
  unitsOf,
  updateVisitRequest,
  visitRequestPage,
} from "./visits.store.ts";

/** What a request arriving carries besides its fields. */
export interface ReceiveOptions {
  /** The language of the sender's receipt mail: the form's; English for an officer's intake (letters abroad are in English). */
  locale?: Locale;
}

/**
 * Takes in a visit request from the public form (`"public"`) or an officer, routed to KS or the
 * unit concerned, and registers it at once (issue 20, item 3): the request as an incoming document
 * in a case opened for it (or, for an officer, the open case named by `caseDiaryNumber`), the
 * request itself, its audit event, the sender's receipt with the diary number and the coordinating
 * office's notification are written in one transaction. Every problem is reported at once and
 * nothing is written then. The sender's personal details stay in the request (and its document),
 * not in the audit trail.
 */
export async function receiveVisitRequest(
  ctx: Ctx,
  by: UserActor | "public",
  input: unknown,
  options: ReceiveOptions = {},
): Promise<VisitRequest> {
  const schema = by === "public" ? visitRequestSchema : officerVisitRequestSchema;
  const parsed = schema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const raw = (input ?? {}) as Record<string, unknown>;
  const from = visitRequestSchema.shape.visitFrom.safeParse(raw.visitFrom);
  const to = visitRequestSchema.shape.visitTo.safeParse(raw.visitTo);
  if (from.success && to.success && to.data < from.data)
    errors.push({ field: "visitTo", message: "visit.dates_order" });
  const unitIds = [...new Set(visitRequestSchema.shape.unitIds.safeParse(raw.unitIds).data ?? [])];
  const known = new Set((await listAllUnits(ctx)).map((u) => u.id));
  if (unitIds.some((id) => !known.has(id))) errors.push({ field: "unitIds", message: "visit.unit_unknown" });
  const named = by !== "public" && typeof raw.caseDiaryNumber === "string" ? raw.caseDiaryNumber.trim() : "";
  const existing =
    by !== "public" && named ? await openCaseFor(ctx, by, named, errors, "caseDiaryNumber") : null;
  if (!parsed.success || errors.length > 0) throw new ValidationError(dedupe(errors));
  const d = parsed.data;
  const routing = routeVisitRequest(unitIds, d.politicalLevel);
  const now = ctx.clock.now();
  const receivedVia = by === "public" ? ("public" as const) : ("officer" as const);
  const facts: RequestFacts = { ...d, unitIds, routing, receivedVia, receivedAt: now.toISOString() };
  const registration = await prepareRequestRegistration(
    ctx,
    by === "public" ? "system" : by,
    facts,
    existing,
  );
  const notice = await coordinatorNotice(ctx, facts);
  const row = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    received_via: receivedVia,
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
    received_at: facts.receivedAt,
    case_id: existing?.id ?? registration?.case?.id ?? null,
    document_id: registration?.document.row.id ?? null,
    case_opened: registration?.case ? 1 : 0,
    written_off_at: null,
    written_off_by: null,
    written_off_reason: null,
    invitation_document_id: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const opened = registration?.case ? await writePreparedCase(ctx, trx, registration.case) : null;
    if (registration) await writePreparedDocument(ctx, trx, registration.document);
    await insertVisitRequest(trx, row, unitIds);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by === "public" ? ANONYMOUS : by),
      action: "visit_request.receive",
      subjectType: "visit_request",
      subjectId: row.id,
      after: { receivedVia, unitIds, routing, caseId: row.case_id, documentId: row.document_id },
    });
    // The diary number is given as the case is written: the mails are made now.
    const diaryNumber = opened?.diaryNumber ?? existing?.diaryNumber ?? null;
    const request = { id: row.id, diaryNumber, coordinator: notice.coordinator };
    await queueMail(trx, ctx.config.tenantId, now, receiptMail(ctx, facts, request, options.locale ?? "en"));
    for (const mail of notice.mails(request)) await queueMail(trx, ctx.config.tenantId, now, mail);
  });
  return getVisitRequest(ctx, row.id);
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

/** Whether a request still waits for its handling: neither answered nor written off. */
export const isOpenRequest = (v: Pick<VisitRequest, "status">) =>
  v.status === "received" || v.status === "assessed";

/** Only the coordinating unit's people (and admins) handle a request; everyone may read it, so 403. */
function requireHandler(by: UserActor, v: VisitRequest): void {
  if (!can(by, "visit_request.handle", visitSubject(v))) throw new ForbiddenError();
}

const finished = (v: Pick<VisitRequest, "status">) =>
  new ConflictError(
    `the visit request is ${v.status}`,
    isOpenRequest(v) ? ["assess", "decide", "write_off", "move"] : [],
    [{ field: "", message: `visit.already_${v.status === "written_off" ? "written_off" : "decided"}` }],
  );

/** The refusal of a change another one overtook, naming the status the request has now (read in the transaction). */
async function finishedNow(ctx: Ctx, trx: Db, id: string): Promise<ConflictError> {
  const row = await findVisitRequest(trx, ctx.config.tenantId, id);
  return finished({ status: row?.written_off_at ? "written_off" : (row?.status ?? "decided") });
}

/** Records the assessment against the strategy's checklist; it may be revised until the request is answered or written off. */
export async function assessVisitRequest(ctx: Ctx, by: UserActor, id: string, input: unknown) {
  const before = await getVisitRequest(ctx, id);
  requireHandler(by, before);
  if (!isOpenRequest(before)) throw finished(before);
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
    if (!done) throw await finishedNow(ctx, trx, id);
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
    affectedUnitIds: v.unitIds,
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

const letterKindOf = (outcome: VisitOutcome): Exclude<LetterKind, "invitation"> =>
  outcome === "accept" ? "acceptance" : outcome === "decline" ? "decline" : "referral";

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

/** The request's registered document, if it still waits to be signed off. */
async function unsignedRequestDocument(ctx: Ctx, v: VisitRequest) {
  const doc = v.documentId ? await getDocument(ctx, v.documentId) : null;
  return doc && !doc.signedOffOn ? doc : null;
}

/**
 * The case opened for the request, if the request's end may close it: still its handling case,
 * open, and holding nothing but the request itself.
 */
async function closableOwnCase(ctx: Ctx, v: VisitRequest): Promise<string | null> {
  if (!v.caseOpened || !v.caseId) return null;
  const c = await getCase(ctx, v.caseId);
  if (c.status !== "open") return null;
  const documents = await getCaseDocuments(ctx, c.id);
  return documents.every((d) => d.id === v.documentId) ? c.id : null;
}

/**
 * Decides an assessed request: accept (becomes an engagement of type visit), decline or refer,
 * with a letter (a Word file) registered as an outgoing document in the request's own case, or
 * the open case named. The letter answers the request: its registered document is signed off
 * with it. No invitation letter here: that is written only once the deciding body has approved
 * the visit (`writeInvitationLetter`). Every problem, the engagement's included, is found before
 * anything is written; then the letter, the engagement, the request's outcome, the sign-off and
 * their audit events are written in one transaction.
 */
export async function decideVisitRequest(ctx: Ctx, by: UserActor, id: string, input: unknown) {
  const v = await getVisitRequest(ctx, id);
  requireHandler(by, v);
  if (v.status !== "assessed") throw finished(v);
  const parsed = outcomeSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const raw = (input ?? {}) as Record<string, unknown>;
  const outcome = outcomeSchema.shape.outcome.safeParse(raw.outcome).data;
  // A bad value is already among `errors` (from the whole schema); here it only counts as "no".
  if (outcomeSchema.shape.invitationLetter.safeParse(raw.invitationLetter).data === true)
    errors.push({ field: "invitationLetter", message: "visit.invitation_after_decision" });
  if (outcome === "refer" && !(typeof raw.referredTo === "string" && raw.referredTo.trim()))
    errors.push({ field: "referredTo", message: "visit.referred_to_required" });
  const named = typeof raw.caseDiaryNumber === "string" ? raw.caseDiaryNumber.trim() : "";
  const diaryNumber = named || v.diaryNumber || undefined;
  if (!diaryNumber) errors.push({ field: "caseDiaryNumber", message: "visit.case_required" });
  const c = await openCaseFor(ctx, by, diaryNumber, errors, "caseDiaryNumber");
  const engagement = outcome === "accept" && c ? await prepareVisitEngagement(ctx, by, v, c, errors) : null;
  if (!parsed.success || !c || errors.length > 0) throw new ValidationError(dedupe(errors));
  const d = parsed.data;
  const kind = letterKindOf(d.outcome);
  const letter = await prepareOutgoingLetter(ctx, by, c.id, {
    ...(await visitLetter(kind, v, d.outcomeNote, d.referredTo ?? null, await caseLetterhead(ctx, by, c))),
    party: `${v.contactName}, ${v.organisation}`,
  });
  const requestDocument = await unsignedRequestDocument(ctx, v);
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
    if (!done) throw await finishedNow(ctx, trx, id);
    // R5: the letter answers the request.
    if (requestDocument)
      await signOffIn(ctx, trx, by, requestDocument, "answered", letter.row.description.slice(0, 200));
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "visit_request.decide",
      subjectType: "visit_request",
      subjectId: id,
      after: { outcome: d.outcome, letterKind: kind, letterDocumentId, engagementId, caseId: c.id },
    });
  });
  return getVisitRequest(ctx, id);
}

/**
 * Writes a request off as junk (avskriven): no letter, a reason. Its registered document stays
 * in the register, signed off as noted; a case opened for it that holds nothing else is closed.
 * Only while the request is open (received or assessed), once: a second write-off, or a decision
 * at the same moment, answers 409 and leaves nothing behind.
 */
export async function writeOffVisitRequest(ctx: Ctx, by: UserActor, id: string, input: unknown) {
  const v = await getVisitRequest(ctx, id);
  requireHandler(by, v);
  if (!isOpenRequest(v)) throw finished(v);
  const parsed = writeOffSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  const { reason } = parsed.data;
  const requestDocument = await unsignedRequestDocument(ctx, v);
  const closeCase = await closableOwnCase(ctx, v);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await updateVisitRequest(trx, id, ["received", "assessed"], {
      written_off_at: now.toISOString(),
      written_off_by: by.id,
      written_off_reason: reason,
    });
    if (!done) throw await finishedNow(ctx, trx, id);
    if (requestDocument) await signOffIn(ctx, trx, by, requestDocument, "noted", "");
    if (closeCase) await changeCaseStatusIn(ctx, trx, by, closeCase, "close");
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "visit_request.write_off",
      subjectType: "visit_request",
      subjectId: id,
      after: { reason, documentId: v.documentId, closedCaseId: closeCase },
    });
  });
  return getVisitRequest(ctx, id);
}

/** The facts a request was registered with, for registering it later in a case picked by hand. */
const factsOf = (v: VisitRequest): RequestFacts => ({ ...v, receivedAt: v.receivedAt });

/**
 * The coordinator picks the case the request is handled in: an existing open case they may
 * write to. A registered document cannot move between cases (the register keeps its entries), so
 * the request's document stays where it was registered and is signed off as handled in the case
 * picked (R5, `other_case` with its diary number), and the case opened for it, if it holds
 * nothing else, is closed. A request from before registration is registered in the case picked.
 * The decision's letter and the engagement then go into that case.
 */
export async function moveVisitRequest(ctx: Ctx, by: UserActor, id: string, input: unknown) {
  const v = await getVisitRequest(ctx, id);
  requireHandler(by, v);
  if (!isOpenRequest(v)) throw finished(v);
  const parsed = moveSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const target = parsed.success
    ? await openCaseFor(ctx, by, parsed.data.caseDiaryNumber, errors, "caseDiaryNumber")
    : null;
  if (target && target.id === v.caseId)
    errors.push({ field: "caseDiaryNumber", message: "visit.move_same_case" });
  if (!target || errors.length > 0) throw new ValidationError(dedupe(errors));
  const requestDocument = await unsignedRequestDocument(ctx, v);
  const register = v.documentId ? null : await prepareRequestDocument(ctx, by, target, factsOf(v));
  const closeCase = await closableOwnCase(ctx, v);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    // The document first: the request names it.
    if (register) await writePreparedDocument(ctx, trx, register);
    const done = await updateVisitRequest(trx, id, ["received", "assessed"], {
      case_id: target.id,
      case_opened: 0,
      ...(register ? { document_id: register.row.id } : {}),
    });
    if (!done) throw await finishedNow(ctx, trx, id);
    if (requestDocument) await signOffIn(ctx, trx, by, requestDocument, "other_case", target.diaryNumber);
    if (closeCase) await changeCaseStatusIn(ctx, trx, by, closeCase, "close");
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "visit_request.move",
      subjectType: "visit_request",
      subjectId: id,
      before: { caseId: v.caseId },
      after: { caseId: target.id, documentId: register?.row.id ?? v.documentId, closedCaseId: closeCase },
    });
  });
  return getVisitRequest(ctx, id);
}

/** The decision of the deciding body in force on an engagement: its latest approval, while approved. */
const approvalOf = (e: EngagementDetails): EngagementDecision | null =>
  e.status === "approved" ? ([...e.decisions].reverse().find((d) => d.outcome === "approved") ?? null) : null;

/** Whether an invitation letter may be written for a request now, and why not. */
export interface InvitationBasis {
  /** Why not (empty: it may); field "" for the request as a whole, P5's with the principle. */
  reasons: FieldError[];
  engagement: EngagementDetails | null;
  approval: EngagementDecision | null;
}

/**
 * An invitation letter (issue 20, item 3) only once the visit is accepted and the deciding body
 * has approved its engagement (a recorded decision, the engagement approved and not since sent
 * back), and only under P5: a prioritised visit whose assessment supports it.
 */
export async function invitationBasis(ctx: Ctx, v: VisitRequest): Promise<InvitationBasis> {
  if (v.status !== "decided" || v.outcome !== "accept" || !v.engagementId)
    return {
      reasons: [{ field: "", message: "visit.invitation_not_accepted" }],
      engagement: null,
      approval: null,
    };
  const engagement = await getEngagement(ctx, v.engagementId);
  const approval = approvalOf(engagement);
  const reasons: FieldError[] = approval ? [] : [{ field: "", message: "visit.invitation_before_decision" }];
  for (const f of invitationLetterFindings({
    type: engagement.type,
    prioritised: engagement.prioritised,
    assessmentSupports: v.checklist ? assessmentSupports(v.checklist) : null,
  }))
    reasons.push({ field: "", message: f.message, principle: "P5" });
  return { reasons, engagement, approval };
}

/** The deciding body as the English letter names it. */
async function bodyName(ctx: Ctx, approval: EngagementDecision): Promise<string> {
  const en = translator("en");
  if (approval.body !== "UNIT" || !approval.unitId) return en(`engagement.body.${approval.body}`);
  const unit = await findUnit(ctx.db, ctx.config.tenantId, approval.unitId);
  return en("engagement.body_of_unit", { unit: unit?.name ?? approval.unitId });
}

/**
 * Writes the invitation letter of an accepted visit the deciding body has approved (P5 allowing
 * it): on the city's template in the engagement's case — its date, diary number, the writer as
 * contact and signatory — with the decision and the participants' names, registered as an
 * outgoing document. Refused (409, every reason) before the decision or outside P5; the names are
 * checked (422). A new letter (a changed delegation) may be written; the request names the latest.
 */
export async function writeInvitationLetter(ctx: Ctx, by: UserActor, id: string, input: unknown) {
  const v = await getVisitRequest(ctx, id);
  requireHandler(by, v);
  const { reasons, engagement, approval } = await invitationBasis(ctx, v);
  if (reasons.length > 0 || !engagement || !approval)
    throw new ConflictError("no invitation letter may be written for this visit", [], reasons);
  const c = await getCase(ctx, engagement.caseId);
  if (!can(by, "letter.register", caseSubject(c))) throw new ForbiddenError();
  if (c.status !== "open")
    throw new ConflictError(
      "the engagement's case is closed",
      [],
      [{ field: "", message: "followup.case_not_open" }],
    );
  const parsed = invitationSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(dedupe(fieldErrors(parsed.error.issues)));
  const { participantNames, note } = parsed.data;
  const decision: ApprovingDecision = {
    body: await bodyName(ctx, approval),
    decidedOn: approval.decidedOn,
    minutesParagraph: approval.minutesParagraph,
  };
  const letter = await prepareOutgoingLetter(ctx, by, c.id, {
    ...(await invitationLetter(
      v,
      { participantNames, note: note ?? null, decision },
      await caseLetterhead(ctx, by, c),
    )),
    party: `${v.contactName}, ${v.organisation}`,
  });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await writePreparedDocument(ctx, trx, letter);
    if (!(await setInvitationDocument(trx, id, letter.row.id))) throw finished(v);
    // The names are in the letter only; the trail keeps how many.
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "visit_request.invitation_letter",
      subjectType: "visit_request",
      subjectId: id,
      after: {
        documentId: letter.row.id,
        engagementId: engagement.id,
        decisionId: approval.id,
        participants: participantNames.length,
      },
    });
  });
  return getVisitRequest(ctx, id);
}
