import type { Insertable } from "kysely";
import type { UserActor } from "../auth/actor.ts";
import { auditBy } from "../auth/audit-actor.ts";
import { findUserById } from "../auth/users.store.ts";
import { listAllUnits } from "../organisation/units.service.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/clock.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import type { ConsultationRecipientTable } from "../platform/db/schema.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { fieldErrors } from "../platform/validation.ts";
import { allowedActions as caseActions } from "../registry/cases.model.ts";
import { getCaseDocuments } from "../registry/documents.service.ts";
import {
  type ConsultationDetails,
  type ConsultationInput,
  consultationInputSchema,
  effectiveDeadline,
  LIST_GROUPS,
  type ListGroup,
  listGroupOf,
  parseExternalBodies,
  type Recipient,
  sendableMaterial,
  trackingState,
  UNIT_GROUPS,
} from "./consultations.model.ts";
import {
  type ConsultationPageQuery,
  type ConsultationRow,
  consultationPage,
  findConsultation,
  insertConsultation,
  materialOf,
  type RecipientRecord,
  recipientsOf,
  toConsultation,
} from "./consultations.store.ts";
import { checkDeadline, type DeadlineError, type DeadlineWarning, deadlineWarnings } from "./deadlines.ts";
import { requireRoundManager } from "./round-view.ts";

const deadlineMessage = (e: DeadlineError): FieldError =>
  e.code === "not_a_working_day"
    ? {
        field: "deadline",
        message: "consultation.deadline_not_working_day",
        params: { next: e.nextWorkingDay },
      }
    : e.code === "not_after_sending"
      ? { field: "deadline", message: "consultation.deadline_not_after_today" }
      : { field: "deadline", message: "consultation.deadline_format" };

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

const dedupe = (errors: FieldError[]) =>
  errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i);

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
  const registeredDocumentIds = (await getCaseDocuments(ctx, caseId))
    .filter(sendableMaterial)
    .map((d) => d.id);
  const prepared = await prepareConsultation(ctx, by, { caseId, registeredDocumentIds }, input);
  await ctx.db.transaction().execute((trx) => writePreparedConsultation(ctx, trx, prepared));
  return { consultation: await getConsultation(ctx, prepared.row.id), warnings: prepared.warnings };
}

const byName = new Intl.Collator("sv");

/** A body as the board shows it: its tracking state on `today` and the deadline that applies to it. */
export function toRecipient(r: RecipientRecord, consultationDeadline: string, today: string): Recipient {
  return {
    id: r.id,
    unitId: r.unitId,
    name: r.name,
    email: r.email,
    group: r.group,
    state: trackingState(r.facts, consultationDeadline, today),
    deadline: effectiveDeadline(consultationDeadline, r.facts.ownDeadline),
    extended: r.facts.ownDeadline !== null,
    sentAt: r.sentAt,
    openedAt: r.facts.openedAt,
    answeredOn: r.facts.answeredOn,
    answerDocumentId: r.answerDocumentId,
    declinedOn: r.facts.declinedOn,
    declineComment: r.declineComment,
    summary: r.summary,
    position: r.position,
  };
}

/** A consultation with its material and its distribution list in groups, each sorted by name. */
export async function getConsultation(ctx: Ctx, id: string): Promise<ConsultationDetails> {
  const row = await findConsultation(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  const [records, documentIds] = await Promise.all([recipientsOf(ctx.db, id), materialOf(ctx.db, id)]);
  const today = stockholmDate(ctx.clock.now());
  const recipients = records.map((r) => toRecipient(r, row.deadline, today));
  const grouped = Object.fromEntries(
    LIST_GROUPS.map((g) => [
      g,
      recipients.filter((r) => r.group === g).sort((a, b) => byName.compare(a.name, b.name)),
    ]),
  ) as Record<ListGroup, Recipient[]>;
  return { ...toConsultation(row), documentIds, recipients: grouped };
}

/** Every body of a consultation in the distribution list's order. */
export const allRecipients = (k: ConsultationDetails): Recipient[] =>
  LIST_GROUPS.flatMap((g) => k.recipients[g]);

/** The deadline's warnings as they stand: against the send date, or today while still a draft. */
export function consultationWarnings(
  ctx: Ctx,
  c: { deadline: string; sentOn: string | null },
): DeadlineWarning[] {
  return deadlineWarnings(c.sentOn ?? stockholmDate(ctx.clock.now()), c.deadline, minimumWeeks(ctx));
}

/** Consultations newest first, of one case or all. */
export async function listConsultations(ctx: Ctx, q: Omit<ConsultationPageQuery, "tenantId">) {
  return (await consultationPage(ctx.db, { ...q, tenantId: ctx.config.tenantId })).map(toConsultation);
}
