import type { Insertable } from "kysely";
import { auditBy, findUserById, type UserActor } from "../../../auth/index.ts";
import { listAllUnits } from "../../../organisation/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ConsultationRecipientTable } from "../../../platform/db/schema.ts";
import { ConflictError, type FieldError, ValidationError } from "../../../platform/errors.ts";
import { newId } from "../../../platform/ids.ts";
import { dedupe, fieldErrors } from "../../../platform/validation.ts";
import { allowedActions as caseActions, getCaseDocuments } from "../../../registry/index.ts";
import { allowedActions, type ConsultationDetails, type ListGroup } from "../consultation.model.ts";
import { getConsultation } from "../consultation.service.ts";
import { type ConsultationRow, toConsultation } from "../consultation.store.ts";
import { checkDeadline, type DeadlineWarning } from "../deadlines.ts";
import { sendableMaterial } from "../material.ts";
import { requireRoundManager } from "../round-manager.ts";
import {
  type ConsultationInput,
  consultationInputSchema,
  deadlineMessage,
  listGroupOf,
  parseExternalBodies,
  UNIT_GROUPS,
} from "./draft.rules.ts";
import { claimDiscarding, insertConsultation, replaceDraft } from "./draft.store.ts";

/** One field of the input read on its own, so the checks that need the database run even when another field is wrong. */
function part<K extends keyof typeof consultationInputSchema.shape>(
  raw: Record<string, unknown>,
  key: K,
): ConsultationInput[K] | undefined {
  const result = consultationInputSchema.shape[key].safeParse(raw[key]);
  return result.success ? (result.data as ConsultationInput[K]) : undefined;
}

interface Chosen {
  units: { id: string; group: ListGroup }[];
  errors: FieldError[];
}

/** The units chosen as whole groups and one by one, each once. */
async function chosenUnits(ctx: Ctx, raw: Record<string, unknown>): Promise<Chosen> {
  const units = await listAllUnits(ctx);
  const groupTypes = new Set<string>((part(raw, "groups") ?? []).map((g) => UNIT_GROUPS[g]));
  const singles = part(raw, "unitIds") ?? [];
  const unknown = singles.filter((id) => !units.some((u) => u.id === id));
  const picked = units.filter((u) => groupTypes.has(u.type) || singles.includes(u.id));
  return {
    units: picked.map((u) => ({ id: u.id, group: listGroupOf(u.type) })),
    errors: unknown.length > 0 ? [{ field: "unitIds", message: "consultation.unit_unknown" }] : [],
  };
}

const minimumWeeks = (ctx: Ctx) => ({ minimumWeeks: ctx.config.consultationMinWeeks });

/** A draft consultation checked, ready to be written in the caller's transaction. */
export interface PreparedConsultation {
  row: ConsultationRow;
  recipients: Insertable<ConsultationRecipientTable>[];
  documentIds: string[];
  by: UserActor;
  warnings: DeadlineWarning[];
}

/**
 * Checks a draft consultation of a case with its distribution list and material: every problem
 * with the input is reported at once and nothing is written. `registeredDocumentIds` are the
 * documents it may take as material (the case's registered ones, or one about to be written with
 * the case in the same transaction).
 */
export async function prepareConsultation(
  ctx: Ctx,
  by: UserActor,
  target: { caseId: string; registeredDocumentIds: readonly string[] },
  input: unknown,
): Promise<PreparedConsultation> {
  const raw = (input ?? {}) as Record<string, unknown>;
  const parsed = consultationInputSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const today = stockholmDate(ctx.clock.now());

  const deadline = part(raw, "deadline");
  const check = deadline ? checkDeadline(today, deadline, minimumWeeks(ctx)) : null;
  if (check && !check.ok) errors.push(...check.errors.map(deadlineMessage));

  const officerId = part(raw, "officerId");
  if (officerId && !(await findUserById(ctx.db, ctx.config.tenantId, officerId)))
    errors.push({ field: "officerId", message: "consultation.officer_unknown" });

  if ((part(raw, "documentIds") ?? []).some((id) => !target.registeredDocumentIds.includes(id)))
    errors.push({ field: "documentIds", message: "consultation.document_unknown" });

  const chosen = await chosenUnits(ctx, raw);
  errors.push(...chosen.errors);
  const external = parseExternalBodies(part(raw, "externalBodies"));
  errors.push(...external.errors);
  if (chosen.units.length === 0 && external.bodies.length === 0 && !errors.some((e) => e.field === "unitIds"))
    errors.push({ field: "groups", message: "consultation.recipients_required" });

  if (!parsed.success || !check?.ok || errors.length > 0) throw new ValidationError(dedupe(errors));
  const data = parsed.data;
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const row: ConsultationRow = {
    id,
    tenant_id: ctx.config.tenantId,
    case_id: target.caseId,
    title: data.title,
    status: "draft",
    deadline: data.deadline,
    sent_on: null,
    instructions: data.instructions,
    officer_id: data.officerId,
    contact: data.contact ?? null,
    created_by: by.id,
    created_at: now,
    updated_at: now,
    closed_on: null,
    missiv_document_id: null,
    list_document_id: null,
    compilation_document_id: null,
    discarded_at: null,
    discarded_by: null,
  };
  const recipient = { consultation_id: id, state: "not_sent" as const, deadline: null, created_at: now };
  const recipients = [
    ...chosen.units.map((u) => ({ ...recipient, id: newId(), unit_id: u.id, list_group: u.group })),
    ...external.bodies.map((b) => ({
      ...recipient,
      id: newId(),
      external_name: b.name,
      external_email: b.email,
      list_group: "other" as const,
    })),
  ];
  return { row, recipients, documentIds: [...new Set(data.documentIds)], by, warnings: check.warnings };
}

/** Writes a prepared consultation, its distribution list, its material and its audit event in the caller's transaction. */
export async function writePreparedConsultation(ctx: Ctx, trx: Db, prepared: PreparedConsultation) {
  const { row, recipients, documentIds, by } = prepared;
  await insertConsultation(
    trx,
    row,
    recipients,
    documentIds.map((documentId) => ({ consultation_id: row.id, document_id: documentId })),
  );
  await appendAudit(trx, ctx.config.tenantId, new Date(row.created_at), {
    ...auditBy(by),
    action: "consultation.create",
    subjectType: "consultation",
    subjectId: row.id,
    after: { ...toConsultation(row), recipients: recipients.length, documentIds },
  });
}

/** The case's documents a round may take as material: registered and sendable. */
const registeredMaterial = async (ctx: Ctx, caseId: string) =>
  (await getCaseDocuments(ctx, caseId)).filter(sendableMaterial).map((d) => d.id);

/** A round no longer a draft (sent or discarded, perhaps meanwhile): 409, naming the steps it allows. */
const notADraft = (allowed: readonly string[]) =>
  new ConflictError(
    "the consultation is no longer a draft",
    [...allowed],
    [{ field: "", message: "round.not_a_draft" }],
  );

export function requireDraftStep(k: ConsultationDetails, step: "edit" | "discard"): void {
  if (!allowedActions(k.status).includes(step)) throw notADraft(allowedActions(k.status));
}

/**
 * Edits a draft: title, deadline, instructions, officer, contact, bodies and material, checked as
 * when it was created (every error at once, nothing written on error). Its distribution list and
 * material are replaced; nothing was sent, so nothing else refers to them. The guard
 * `where status = 'draft'` refuses an edit of a round sent or discarded meanwhile.
 */
export async function editDraft(
  ctx: Ctx,
  by: UserActor,
  id: string,
  input: unknown,
): Promise<{ consultation: ConsultationDetails; warnings: DeadlineWarning[] }> {
  const before = await getConsultation(ctx, id);
  await requireRoundManager(ctx, by, before.caseId);
  requireDraftStep(before, "edit");
  const prepared = await prepareConsultation(
    ctx,
    by,
    { caseId: before.caseId, registeredDocumentIds: await registeredMaterial(ctx, before.caseId) },
    input,
  );
  const { row } = prepared;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const replaced = await replaceDraft(
      trx,
      id,
      {
        title: row.title,
        deadline: row.deadline,
        instructions: row.instructions,
        officer_id: row.officer_id,
        contact: row.contact,
        updated_at: now.toISOString(),
      },
      prepared.recipients.map((r) => ({ ...r, consultation_id: id })),
      prepared.documentIds.map((documentId) => ({ consultation_id: id, document_id: documentId })),
    );
    if (!replaced) throw notADraft([]);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.edit",
      subjectType: "consultation",
      subjectId: id,
      before: { title: before.title, deadline: before.deadline, documentIds: before.documentIds },
      after: {
        title: row.title,
        deadline: row.deadline,
        recipients: prepared.recipients.length,
        documentIds: prepared.documentIds,
      },
    });
  });
  return { consultation: await getConsultation(ctx, id), warnings: prepared.warnings };
}

/**
 * Discards a draft that was never sent. The round stays, marked discarded with who and when, and
 * takes no further step; the case's documents chosen as its material are untouched (registered
 * records are never deleted). Audited.
 */
export async function discardDraft(ctx: Ctx, by: UserActor, id: string): Promise<void> {
  const k = await getConsultation(ctx, id);
  await requireRoundManager(ctx, by, k.caseId);
  requireDraftStep(k, "discard");
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await claimDiscarding(trx, id, by.id, now))) throw notADraft([]);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.discard",
      subjectType: "consultation",
      subjectId: id,
      before: { status: "draft" },
      after: { status: "discarded", title: k.title },
    });
  });
}

/**
 * Creates a draft consultation of an open case with its distribution list and material. Every
 * problem with the input is reported at once and nothing is written; the deadline's warnings
 * (short time, July) are returned and do not block.
 */
export async function createConsultation(
  ctx: Ctx,
  by: UserActor,
  caseId: string,
  input: unknown,
): Promise<{ consultation: ConsultationDetails; warnings: DeadlineWarning[] }> {
  const c = await requireRoundManager(ctx, by, caseId);
  if (c.status !== "open")
    throw new ConflictError(`a consultation needs an open case; the case is ${c.status}`, [
      ...caseActions(c.status),
    ]);
  const registeredDocumentIds = await registeredMaterial(ctx, caseId);
  const prepared = await prepareConsultation(ctx, by, { caseId, registeredDocumentIds }, input);
  await ctx.db.transaction().execute((trx) => writePreparedConsultation(ctx, trx, prepared));
  return { consultation: await getConsultation(ctx, prepared.row.id), warnings: prepared.warnings };
}
