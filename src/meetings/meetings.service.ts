import { auditBy, can, type UserActor } from "../auth/index.ts";
import { findUnit } from "../organisation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import {
  AppError,
  ConflictError,
  type FieldError,
  NotFoundError,
  ValidationError,
} from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { fieldErrors, parseInput } from "../platform/validation.ts";
import { type Case, caseSubject, getCaseByDiaryNumber } from "../registry/index.ts";
import { approvedReports, approvedReportsOfOpen } from "../reports/index.ts";
import {
  type AgendaItem,
  agendaItemInputSchema,
  type Meeting,
  meetingInputSchema,
  postingInputSchema,
} from "./meetings.model.ts";
import {
  agendaOf,
  documentsOnAgendas,
  findMeeting,
  insertAgendaItem,
  insertMeeting,
  listMeetings,
  nextPosition,
  placeAgendaItem,
  setPosted,
  waitingItems,
} from "./meetings.store.ts";

/** Units that meet as a decision body of their own: the committees and the company boards. */
const MEETING_UNIT_TYPES = ["district_committee", "specialist_committee", "company"];

/**
 * The body's unit, checked from the raw input (so its error comes with the others): a committee or
 * company board when the body is UNIT, none otherwise.
 */
export async function bodyUnit(ctx: Ctx, input: unknown, errors: FieldError[]): Promise<string | null> {
  const { body, unitId } = (input ?? {}) as { body?: unknown; unitId?: unknown };
  if (body !== "UNIT") return null;
  const unit =
    typeof unitId === "string" && unitId !== ""
      ? await findUnit(ctx.db, ctx.config.tenantId, unitId)
      : undefined;
  if (!unit || !MEETING_UNIT_TYPES.includes(unit.type))
    errors.push({ field: "unitId", message: "meeting.unit_not_body" });
  return unit ? unit.id : null;
}

/** The open case of a diary number that `by` may register in, or a field error. */
export async function caseForDecision(
  ctx: Ctx,
  by: UserActor,
  diaryNumber: string,
  errors: FieldError[],
): Promise<Case | null> {
  try {
    const c = await getCaseByDiaryNumber(ctx, diaryNumber);
    if (!can(by, "document.create", caseSubject(c)))
      errors.push({ field: "diaryNumber", message: "meeting.case_not_yours" });
    else if (c.status !== "open") errors.push({ field: "diaryNumber", message: "meeting.case_not_open" });
    else return c;
  } catch (error) {
    if (!(error instanceof AppError && error.status === 404)) throw error;
    errors.push({ field: "diaryNumber", message: "meeting.case_unknown" });
  }
  return null;
}

export async function getMeeting(ctx: Ctx, id: string): Promise<Meeting> {
  const m = await findMeeting(ctx.db, ctx.config.tenantId, id);
  if (!m) throw new NotFoundError();
  return m;
}

export const meetingList = (ctx: Ctx) => listMeetings(ctx.db, ctx.config.tenantId);
export const agendaOfMeeting = (ctx: Ctx, meetingId: string) =>
  agendaOf(ctx.db, ctx.config.tenantId, meetingId);

/**
 * Creates a meeting of a body. Items waiting for the body (KS proposals to KF made before the
 * council's meeting was set) are put on its agenda in the same transaction.
 */
export async function createMeeting(ctx: Ctx, by: UserActor, input: unknown): Promise<Meeting> {
  const parsed = meetingInputSchema.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const unitId = await bodyUnit(ctx, input, errors);
  if (!parsed.success || errors.length > 0) throw new ValidationError(errors);
  const m = parsed.data;
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const waiting = await waitingItems(ctx.db, ctx.config.tenantId, m.body, unitId);
  await ctx.db.transaction().execute(async (trx) => {
    await insertMeeting(trx, {
      id,
      tenant_id: ctx.config.tenantId,
      body: m.body,
      unit_id: unitId,
      meeting_date: m.meetingDate,
      place: m.place,
      posted_on: null,
      created_by: by.id,
      created_at: now,
    });
    for (const [i, item] of waiting.entries()) await placeAgendaItem(trx, item.id, id, i + 1);
    await appendAudit(trx, ctx.config.tenantId, new Date(now), {
      ...auditBy(by),
      action: "meeting.create",
      subjectType: "meeting",
      subjectId: id,
      after: { ...m, unitId, agenda: waiting.map((w) => w.id) },
    });
  });
  return getMeeting(ctx, id);
}

/** A meeting still open for its agenda and decisions: its minutes are not yet posted. */
export function requireUnposted(m: Meeting) {
  if (m.postedOn)
    throw new ConflictError(
      "the meeting's minutes are posted",
      [],
      [{ field: "", message: "meeting.posted" }],
    );
}

/** The approved reports of open cases not yet on any agenda: what the agenda form offers to take up. */
export async function agendaCandidates(ctx: Ctx) {
  const [reports, taken] = await Promise.all([
    approvedReportsOfOpen(ctx),
    documentsOnAgendas(ctx.db, ctx.config.tenantId),
  ]);
  return reports.filter((r) => !taken.has(r.documentId));
}
export type AgendaCandidate = Awaited<ReturnType<typeof agendaCandidates>>[number];

/**
 * The agenda form's choice as the service's input: the chosen report's case and underlag, its title
 * when none is typed. An unknown or missing choice leaves the case out, so the service reports it
 * with the form's other errors (under the choice's field, `documentId`).
 */
export function agendaInputFromChoice(
  candidates: readonly AgendaCandidate[],
  form: { documentId?: string; title?: string },
) {
  const chosen = candidates.find((c) => c.documentId === form.documentId);
  return {
    diaryNumber: chosen?.diaryNumber ?? "",
    documentId: form.documentId ?? "",
    title: form.title?.trim() || chosen?.title || "",
  };
}

/** Puts a case on a meeting's agenda with its underlag: the registered document of an approved report of the case. */
export async function addAgendaItem(
  ctx: Ctx,
  by: UserActor,
  meetingId: string,
  input: unknown,
): Promise<AgendaItem> {
  const m = await getMeeting(ctx, meetingId);
  requireUnposted(m);
  const parsed = agendaItemInputSchema.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  // The case and its underlag are checked from the raw input too, so their errors come with the others.
  const { diaryNumber, documentId } = (input ?? {}) as { diaryNumber?: unknown; documentId?: unknown };
  const c =
    typeof diaryNumber === "string" && diaryNumber.trim()
      ? await caseForDecision(ctx, by, diaryNumber.trim(), errors)
      : null;
  // A case goes on the agenda on its officer's report once every signatory has approved it (§6a).
  if (c && typeof documentId === "string" && documentId.trim()) {
    const approved = await approvedReports(ctx, c.id);
    if (!approved.some((r) => r.documentId === documentId.trim()))
      errors.push({ field: "documentId", message: "meeting.underlag_not_in_case" });
  }
  if (!parsed.success || !c || errors.length > 0) throw new ValidationError(errors);
  const now = ctx.clock.now().toISOString();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertAgendaItem(trx, {
      id,
      tenant_id: ctx.config.tenantId,
      body: m.body,
      unit_id: m.unitId,
      meeting_id: m.id,
      case_id: c.id,
      document_id: parsed.data.documentId,
      title: parsed.data.title,
      position: await nextPosition(trx, m.id),
      created_at: now,
    });
    await appendAudit(trx, ctx.config.tenantId, new Date(now), {
      ...auditBy(by),
      action: "meeting.agenda_add",
      subjectType: "meeting",
      subjectId: m.id,
      after: { item: id, caseId: c.id, documentId: parsed.data.documentId, title: parsed.data.title },
    });
  });
  const items = await agendaOf(ctx.db, ctx.config.tenantId, m.id);
  return items.find((i) => i.id === id) as AgendaItem;
}

/**
 * Records that the meeting's minutes were approved (justerade) and posted on the notice board on
 * `postedOn`: the three weeks of appeal start (kommunallagen 13 kap.).
 */
export async function postMinutes(ctx: Ctx, by: UserActor, meetingId: string, input: unknown) {
  const m = await getMeeting(ctx, meetingId);
  requireUnposted(m);
  const { postedOn } = parseInput(postingInputSchema, input);
  if (postedOn < m.meetingDate || postedOn > stockholmDate(ctx.clock.now()))
    throw new ValidationError([{ field: "postedOn", message: "meeting.posted_on_range" }]);
  const now = ctx.clock.now().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await setPosted(trx, m.id, postedOn))) requireUnposted({ ...m, postedOn });
    await appendAudit(trx, ctx.config.tenantId, new Date(now), {
      ...auditBy(by),
      action: "meeting.post",
      subjectType: "meeting",
      subjectId: m.id,
      before: { postedOn: null },
      after: { postedOn },
    });
  });
  return getMeeting(ctx, m.id);
}
