import { z } from "zod";
import { ANONYMOUS, auditBy, type UserActor } from "../../auth/index.ts";
import { appendAudit } from "../../platform/audit/audit.service.ts";
import type { Ctx } from "../../platform/context.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../../platform/errors.ts";
import { newId } from "../../platform/ids.ts";
import { maskPersonalNumbers } from "../../platform/text/personal-number.ts";
import { blankToUndefined, fieldErrors } from "../../platform/validation.ts";
import { seesCaseInFull } from "../case-visibility.ts";
import { findDocument } from "../documents.store.ts";
import {
  findCopyRequest,
  insertCopyRequest,
  listNewCopyRequests,
  updateNewCopyRequest,
} from "./copy-requests.store.ts";

const optional = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** A request from the public for a copy of a document: anonymous unless the requester says otherwise. */
export const copyRequestSchema = z.object({
  requesterName: optional(200),
  delivery: z.enum(["email", "paper"], { error: "validation.choice" }),
  email: z.preprocess(blankToUndefined, z.email({ error: "validation.email" }).max(254).optional()),
  postalAddress: optional(500),
  message: optional(2000),
});

export const OUTCOMES = ["sent", "partly_sent", "refused"] as const;
const handlingSchema = z.object({
  outcome: z.enum(OUTCOMES, { error: "validation.choice" }),
  note: optional(2000),
});

export interface CopyRequest {
  id: string;
  documentId: string;
  caseId: string;
  receivedAt: string;
}

/**
 * Registers a copy request for a registered document (drafts are not public records and cannot
 * be asked for by id). Every problem with the form is reported at once; nothing is written then.
 */
export async function requestCopy(ctx: Ctx, documentId: string, input: unknown): Promise<CopyRequest> {
  const doc = await findDocument(ctx.db, ctx.config.tenantId, documentId);
  if (doc?.status !== "registered") throw new NotFoundError();
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
  const request = { id: newId(), documentId, caseId: doc.case_id, receivedAt: now.toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    await insertCopyRequest(trx, {
      id: request.id,
      tenant_id: ctx.config.tenantId,
      document_id: documentId,
      case_id: doc.case_id,
      requester_name: d.requesterName ?? null,
      email: d.delivery === "email" ? (d.email ?? null) : null,
      postal_address: d.delivery === "paper" ? (d.postalAddress ?? null) : null,
      delivery: d.delivery,
      message: d.message ?? null,
      received_at: request.receivedAt,
      status: "new",
      outcome: null,
      outcome_note: null,
      handled_by: null,
      handled_at: null,
    });
    // The requester's details stay in the request, not in the audit trail.
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(ANONYMOUS),
      action: "copy_request.receive",
      subjectType: "document",
      subjectId: documentId,
      after: { requestId: request.id, delivery: d.delivery },
    });
  });
  return request;
}

export async function getCopyRequest(ctx: Ctx, id: string) {
  const row = await findCopyRequest(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * The registry's inbox: requests not yet handled, oldest first, with the document and case they
 * concern. A secret document is described by its public description to a reader outside its case.
 */
export async function pendingCopyRequests(ctx: Ctx, reader: UserActor) {
  const rows = await listNewCopyRequests(ctx.db, ctx.config.tenantId);
  return rows.map(({ public_description, secrecy_provision, unit_id, officer_id, ...r }) => ({
    ...r,
    description:
      secrecy_provision === null || seesCaseInFull(reader, { unitId: unit_id, officerId: officer_id })
        ? r.description
        : maskPersonalNumbers(public_description ?? ""),
  }));
}

/** Records how a request was handled; a refusal or redaction needs its reasons (it can be appealed). */
export async function handleCopyRequest(ctx: Ctx, by: UserActor, id: string, input: unknown): Promise<void> {
  const parsed = handlingSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  if (parsed.success && parsed.data.outcome !== "sent" && !parsed.data.note)
    errors.push({ field: "note", message: "requests.note_required" });
  if (!parsed.success || errors.length > 0) throw new ValidationError(errors);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findCopyRequest(trx, ctx.config.tenantId, id);
    if (!row) throw new NotFoundError();
    if (row.status !== "new") throw new ConflictError("the request is already handled", []);
    await updateNewCopyRequest(trx, id, {
      status: "handled",
      outcome: parsed.data.outcome,
      outcome_note: parsed.data.note ?? null,
      handled_by: by.id,
      handled_at: now.toISOString(),
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "copy_request.handle",
      subjectType: "copy_request",
      subjectId: id,
      after: { outcome: parsed.data.outcome, note: parsed.data.note ?? null },
    });
  });
}
