import { z } from "zod";
import { ANONYMOUS, auditBy, type UserActor } from "../../auth/index.ts";
import { listAllUnits } from "../../organisation/index.ts";
import { appendAudit } from "../../platform/audit/audit.service.ts";
import { findEvents } from "../../platform/audit/audit.store.ts";
import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { maskPersonalNumbers } from "../../platform/text/personal-number.ts";
import { blankToUndefined, fieldErrors } from "../../platform/validation.ts";
import { seesCaseInFull } from "../case-visibility.ts";
import { getCase } from "../cases.service.ts";
import { getDocument } from "../documents.service.ts";
import type { DecisionText } from "./copy-decision-letter.ts";
import { prepareRegistration, type RequestFacts, writeRegistration } from "./copy-request-registration.ts";
import { type Delivery, handlingTime, type Outcome } from "./copy-requests.model.ts";
import {
  type CopyRequestState,
  findCopyRequestView,
  insertCopyRequest,
  listCopyRequests,
  setRequestRegistration,
} from "./copy-requests.store.ts";
import { publicDocument } from "./public-view.ts";

const optional = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** A request from the public for a copy of a document: anonymous unless the requester says otherwise. */
export const copyRequestSchema = z.object({
  requesterName: optional(200),
  delivery: z.enum(["email", "paper"], { error: "validation.choice" }),
  email: z.preprocess(blankToUndefined, z.email({ error: "validation.email" }).max(254).optional()),
  postalAddress: optional(500),
  message: optional(2000),
});

export interface CopyRequest {
  id: string;
  documentId: string;
  caseId: string;
  receivedAt: string;
}

/** The requested document as the public register shows it: what a request and its decision name. */
export async function publicDescriptionOf(ctx: Ctx, documentId: string): Promise<string> {
  return publicDocument(await getDocument(ctx, documentId))?.description ?? "";
}

/**
 * Receives a copy request for a registered document (drafts are not public records and cannot be
 * asked for by id) and registers it at once: its own case with the request as an incoming
 * document (copy-request-registration.ts). Every problem with the form is reported at once;
 * nothing is written then.
 */
export async function requestCopy(ctx: Ctx, documentId: string, input: unknown): Promise<CopyRequest> {
  const doc = await getDocument(ctx, documentId);
  if (doc.status !== "registered") throw new NotFoundError();
  const parsed = copyRequestSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const raw = (input ?? {}) as Record<string, unknown>;
  const given = (field: string) => typeof raw[field] === "string" && (raw[field] as string).trim() !== "";
  if (raw.delivery === "email" && !given("email"))
    errors.push({ field: "email", message: "copy.email_required" });
  if (raw.delivery === "paper" && !given("postalAddress"))
    errors.push({ field: "postalAddress", message: "copy.postal_address_required" });
  if (!parsed.success || errors.length > 0) throw new ValidationError(errors);
  const d = parsed.data;
  const now = ctx.clock.now();
  const facts: RequestFacts = {
    requesterName: d.requesterName ?? null,
    delivery: d.delivery,
    email: d.delivery === "email" ? (d.email ?? null) : null,
    postalAddress: d.delivery === "paper" ? (d.postalAddress ?? null) : null,
    message: d.message ?? null,
    receivedOn: stockholmDate(now),
    document: await publicDescriptionOf(ctx, documentId),
  };
  const registration = await prepareRegistration(ctx, await getCase(ctx, doc.caseId), facts);
  const request = { id: newId(), documentId, caseId: doc.caseId, receivedAt: now.toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    const registered = await writeRegistration(ctx, trx, registration);
    await insertCopyRequest(trx, {
      id: request.id,
      tenant_id: ctx.config.tenantId,
      document_id: documentId,
      case_id: doc.caseId,
      requester_name: facts.requesterName,
      email: facts.email,
      postal_address: facts.postalAddress,
      delivery: facts.delivery,
      message: facts.message,
      received_at: request.receivedAt,
      status: "new",
      outcome: null,
      outcome_note: null,
      handled_by: null,
      handled_at: null,
      request_case_id: registered.caseId,
      request_document_id: registered.documentId,
    });
    // The requester's details stay in the request, not in the audit trail.
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(ANONYMOUS),
      action: "copy_request.receive",
      subjectType: "copy_request",
      subjectId: request.id,
      after: { documentId, caseId: registered.caseId, delivery: d.delivery },
    });
  });
  return request;
}

export type ViewRow = NonNullable<Awaited<ReturnType<typeof findCopyRequestView>>>;

/**
 * Registers a request that arrived before requests were registered (migration 0020) as it would
 * have been on arrival, so its decision has a case to be registered in; returns the case's id.
 */
export async function registerEarlierRequest(ctx: Ctx, row: ViewRow): Promise<string> {
  const registration = await prepareRegistration(ctx, await getCase(ctx, row.case_id), {
    requesterName: row.requester_name,
    delivery: row.delivery,
    email: row.email,
    postalAddress: row.postal_address,
    message: row.message,
    receivedOn: stockholmDate(new Date(row.received_at)),
    document: await publicDescriptionOf(ctx, row.document_id),
  });
  return ctx.db.transaction().execute(async (trx) => {
    const registered = await writeRegistration(ctx, trx, registration);
    if ((await setRequestRegistration(trx, row.id, registered)) === 0)
      throw new ConflictError("the request is already registered", []);
    return registered.caseId;
  });
}

/** A request as a reader sees it: a secret document by its public description outside its case. */
function asSeenBy(reader: UserActor, row: ViewRow, now: Date) {
  const { public_description, unit_id, officer_id, ...r } = row;
  const inFull =
    row.secrecy_provision === null || seesCaseInFull(reader, { unitId: unit_id, officerId: officer_id });
  return {
    ...r,
    unit_id,
    description: inFull ? r.description : maskPersonalNumbers(public_description ?? ""),
    /** Received to decided, or to now while it waits. */
    handlingTime: handlingTime(r.received_at, r.handled_at ?? now.toISOString()),
  };
}
export type CopyRequestView = ReturnType<typeof asSeenBy>;

/** The registry's list of requests, in one state or all, oldest first, with their handling times. */
export async function copyRequestList(ctx: Ctx, reader: UserActor, state: CopyRequestState | null) {
  const rows = await listCopyRequests(ctx.db, ctx.config.tenantId, state);
  const now = ctx.clock.now();
  return rows.map((r) => asSeenBy(reader, r, now));
}

/** How many events a request's page shows. */
const HISTORY_LIMIT = 100;

/** One request for the registry's page: the request, its events (oldest first). */
export async function copyRequestDetail(ctx: Ctx, reader: UserActor, id: string) {
  const row = await findCopyRequestView(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  const events = await findEvents(
    ctx.db,
    { tenantId: ctx.config.tenantId, subjectType: "copy_request", subjectId: id },
    HISTORY_LIMIT,
  );
  return { request: asSeenBy(reader, row, ctx.clock.now()), history: events.reverse() };
}

/** The name of the unit that decides, which an appeal is lodged with. */
export async function authorityOf(ctx: Ctx, unitId: string): Promise<string> {
  return (await listAllUnits(ctx)).find((u) => u.id === unitId)?.name ?? unitId;
}

/** What a decision adds to its request. */
export interface Decided {
  outcome: Outcome;
  deliveredBy: Delivery | null;
  provision: string | null;
  note: string | null;
  decidedAt: string;
  decidedBy: string;
  requestNumber: string;
}

/** The words of a decision on a request: for the letter, the mail and the receipt page. */
export async function decisionText(ctx: Ctx, row: ViewRow, d: Decided): Promise<DecisionText> {
  return {
    outcome: d.outcome,
    deliveredBy: d.deliveredBy,
    provision: d.provision,
    note: d.note,
    receivedOn: stockholmDate(new Date(row.received_at)),
    decidedOn: stockholmDate(new Date(d.decidedAt)),
    decidedBy: d.decidedBy,
    document: await publicDescriptionOf(ctx, row.document_id),
    caseNumber: row.diary_number,
    requestNumber: d.requestNumber,
    authority: await authorityOf(ctx, row.unit_id),
  };
}

/** What the requester's receipt page shows: the reference, the request's diary number, the decision. */
export async function copyReceipt(ctx: Ctx, id: string) {
  const row = await findCopyRequestView(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  return {
    reference: row.id.slice(0, 8).toUpperCase(),
    receivedOn: stockholmDate(new Date(row.received_at)),
    diaryNumber: row.diary_number,
    requestNumber: row.request_number,
    decision:
      row.outcome && row.handled_at
        ? await decisionText(ctx, row, {
            outcome: row.outcome,
            deliveredBy: row.delivered_by,
            provision: row.provision,
            note: row.outcome_note,
            decidedAt: row.handled_at,
            decidedBy: row.handled_by_name ?? "",
            requestNumber: row.request_number ?? "",
          })
        : null,
  };
}
