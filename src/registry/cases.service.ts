import { auditBy, findUserById, type UserActor } from "../auth/index.ts";
import { findUnit } from "../organisation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { dedupe, fieldErrors } from "../platform/validation.ts";
import { type Numbering, numbering, numberingInput } from "./case-numbering.service.ts";
import {
  allowedActions,
  type Case,
  type CaseAction,
  type CaseParty,
  type CaseStatus,
  caseFieldsSchema,
  type NewCaseInput,
  newCaseSchema,
  type PartyInput,
  partySchema,
  transition,
} from "./cases.model.ts";
import {
  type CaseRow,
  caseParties,
  findCase,
  findCaseByDiaryNumber,
  insertCase,
  insertParties,
  toCase,
  toParty,
  updateCaseRow,
} from "./cases.store.ts";
import { allClasses, currentVersionId } from "./classification.store.ts";
import { formatDiaryNumber } from "./diary-number.model.ts";
import { countDrafts } from "./documents.store.ts";
import { findRegistry, nextSeq, raiseCounter } from "./registries.store.ts";
import { reindexCase } from "./search/search-index.ts";

/** A party's row as stored. */
const partyRow = (caseId: string, p: PartyInput, createdAt: Date) => ({
  id: newId(),
  case_id: caseId,
  name: p.name,
  organisation: p.organisation ?? null,
  email: p.email ?? null,
  protected_identity: p.protectedIdentity ? 1 : 0,
  created_at: createdAt.toISOString(),
});

export async function getCase(ctx: Ctx, id: string): Promise<Case> {
  const row = await findCase(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  return toCase(row);
}

export async function getCaseByDiaryNumber(ctx: Ctx, diaryNumber: string): Promise<Case> {
  const row = await findCaseByDiaryNumber(ctx.db, ctx.config.tenantId, diaryNumber);
  if (!row) throw new NotFoundError();
  return toCase(row);
}

export async function getParties(ctx: Ctx, caseId: string): Promise<CaseParty[]> {
  return (await caseParties(ctx.db, caseId)).map(toParty);
}

/** Checks that the references of a case exist: class from the scheme in force (R7), unit, officer. */
async function referenceErrors(
  ctx: Ctx,
  input: { classId?: unknown; unitId?: unknown; officerId?: unknown },
  today: string,
  allowOldClass: boolean,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const { tenantId } = ctx.config;
  const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
  const classId = text(input.classId);
  if (classId) {
    const cls = (await allClasses(ctx.db, tenantId, today)).find((c) => c.id === classId);
    if (!cls) errors.push({ field: "classId", message: "case.class_unknown" });
    else if (!cls.current && !allowOldClass)
      errors.push({ field: "classId", message: "case.class_not_current" });
    else if (cls.retired && !allowOldClass) errors.push({ field: "classId", message: "case.class_retired" });
  }
  const unitId = text(input.unitId);
  if (unitId) {
    const unit = await findUnit(ctx.db, tenantId, unitId);
    if (!unit) errors.push({ field: "unitId", message: "case.unit_unknown" });
  }
  const officerId = text(input.officerId);
  if (officerId) {
    const officer = await findUserById(ctx.db, tenantId, officerId);
    if (!officer) errors.push({ field: "officerId", message: "case.officer_unknown" });
  }
  return errors;
}

/** A case checked and numbered as far as can be before writing, ready for the caller's transaction. */
export interface PreparedCase {
  /** The new case's id, known before it is written so its documents can name it. */
  id: string;
  data: NewCaseInput;
  number: Numbering;
  openedOn: string;
  by: UserActor | "system";
}

/** Checks a new case: every problem with the input is reported together and nothing is written. */
export async function prepareCase(ctx: Ctx, by: UserActor | "system", input: unknown): Promise<PreparedCase> {
  const parsed = newCaseSchema.safeParse(input);
  const raw = (input ?? {}) as Record<string, unknown>;
  const today = stockholmDate(ctx.clock.now());
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const importing = typeof raw.diaryNumber === "string" && raw.diaryNumber.trim() !== "";
  errors.push(...(await referenceErrors(ctx, raw, today, importing)));
  const openedOn = parsed.success ? (parsed.data.openedOn ?? today) : today;
  const number = await numbering(ctx, by, numberingInput(raw, openedOn), today, errors);
  if (!parsed.success || !number || errors.length > 0) throw new ValidationError(dedupe(errors));
  return { id: newId(), data: parsed.data, number, openedOn, by };
}

/**
 * Writes a prepared case in the caller's transaction: its diary number (the next in the
 * registry's year, or the imported one), its parties, its search text and its audit event.
 */
export async function writePreparedCase(ctx: Ctx, trx: Db, prepared: PreparedCase): Promise<Case> {
  const { id, data, number, openedOn, by } = prepared;
  const now = ctx.clock.now();
  const registry = await findRegistry(trx, ctx.config.tenantId, data.registryId);
  if (!registry) throw new NotFoundError();
  let seq = number.seq;
  let diaryNumber = number.imported;
  if (diaryNumber) {
    await raiseCounter(trx, registry.id, number.year, seq);
  } else {
    seq = await nextSeq(trx, registry.id, number.year);
    const classCode =
      (await allClasses(trx, ctx.config.tenantId, stockholmDate(now))).find((c) => c.id === data.classId)
        ?.code ?? "";
    diaryNumber = formatDiaryNumber(registry.number_pattern, {
      prefix: registry.prefix,
      year: number.year,
      seq,
      classCode,
    });
  }
  const row: CaseRow = {
    id,
    tenant_id: ctx.config.tenantId,
    registry_id: registry.id,
    diary_number: diaryNumber,
    year: number.year,
    seq,
    title: data.title,
    public_title: data.publicTitle ?? null,
    class_id: data.classId,
    // Filed under the class's version in force now: later changes to the class leave this case as it was.
    class_version_id: (await currentVersionId(trx, data.classId)) ?? null,
    unit_id: data.unitId,
    officer_id: data.officerId ?? null,
    status: "open",
    opened_on: openedOn,
    closed_on: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await insertCase(trx, row);
  // A millisecond apart, so parties list in the order they were given.
  const parties = (data.parties ?? []).map((p, i) => partyRow(id, p, new Date(now.getTime() + i)));
  await insertParties(trx, parties);
  await reindexCase(trx, ctx.dialect, ctx.config.tenantId, id, now);
  await appendAudit(trx, ctx.config.tenantId, now, {
    ...auditBy(by),
    action: number.imported ? "case.import" : "case.open",
    subjectType: "case",
    subjectId: id,
    after: {
      ...toCase(row),
      parties: parties.map((p) => p.name),
      ...(number.backdateReason ? { backdateReason: number.backdateReason } : {}),
    },
  });
  return toCase(row);
}

/**
 * Opens a case and gives it its diary number, in one transaction with its parties and
 * its audit event. All problems with the input are reported together.
 */
export async function openCase(ctx: Ctx, by: UserActor | "system", input: unknown): Promise<Case> {
  const prepared = await prepareCase(ctx, by, input);
  return ctx.db.transaction().execute((trx) => writePreparedCase(ctx, trx, prepared));
}

/** Loads a case for a workflow step, refusing with 409 and the allowed steps when its status does not allow it. */
async function forAction(trx: Db, ctx: Ctx, id: string, action: CaseAction): Promise<CaseRow> {
  const row = await findCase(trx, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  const status = toCase(row).status;
  if (!transition(status, action))
    throw new ConflictError(`"${action}" is not allowed for a case that is ${status}`, [
      ...allowedActions(status),
    ]);
  return row;
}

/** Changes the facts of an open case; the audit trail keeps before and after (the visible history). */
export async function updateCase(ctx: Ctx, by: UserActor, id: string, input: unknown): Promise<Case> {
  const parsed = caseFieldsSchema.safeParse(input);
  const today = stockholmDate(ctx.clock.now());
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const current = await getCase(ctx, id);
  const raw = (input ?? {}) as Record<string, unknown>;
  // Keeping the class a case already has is allowed even when a newer scheme is in force.
  errors.push(...(await referenceErrors(ctx, raw, today, raw.classId === current.classId)));
  if (!parsed.success || errors.length > 0) throw new ValidationError(dedupe(errors));
  const data = parsed.data;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await forAction(trx, ctx, id, "edit");
    const changes = {
      title: data.title,
      public_title: data.publicTitle ?? null,
      class_id: data.classId,
      // A case moved to another class is filed under that class's current version; else it keeps its own.
      class_version_id:
        data.classId === before.class_id
          ? before.class_version_id
          : ((await currentVersionId(trx, data.classId)) ?? null),
      unit_id: data.unitId,
      officer_id: data.officerId ?? null,
      updated_at: now.toISOString(),
    };
    await updateCaseRow(trx, id, changes);
    await reindexCase(trx, ctx.dialect, ctx.config.tenantId, id, now);
    const after = { ...before, ...changes };
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "case.update",
      subjectType: "case",
      subjectId: id,
      before: toCase(before),
      after: toCase(after),
    });
    return toCase(after);
  });
}

/** Closes or reopens a case. */
export async function changeCaseStatus(
  ctx: Ctx,
  by: UserActor,
  id: string,
  action: "close" | "reopen",
): Promise<Case> {
  return ctx.db.transaction().execute((trx) => changeCaseStatusIn(ctx, trx, by, id, action));
}

/** Closes or reopens a case in the caller's transaction (a step that ends a case's matter closes it). */
export async function changeCaseStatusIn(
  ctx: Ctx,
  trx: Db,
  by: UserActor,
  id: string,
  action: "close" | "reopen",
): Promise<Case> {
  const now = ctx.clock.now();
  const before = await forAction(trx, ctx, id, action);
  // R4: drafts are not public records; they must be finished or removed before the case closes.
  if (action === "close" && (await countDrafts(trx, id)) > 0) {
    throw new ConflictError("the case still holds drafts", ["edit", "add_document"]);
  }
  const status: CaseStatus = action === "close" ? "closed" : "open";
  const changes = {
    status,
    closed_on: action === "close" ? stockholmDate(now) : null,
    updated_at: now.toISOString(),
  };
  await updateCaseRow(trx, id, changes);
  await appendAudit(trx, ctx.config.tenantId, now, {
    ...auditBy(by),
    action: `case.${action}`,
    subjectType: "case",
    subjectId: id,
    before: { status: before.status, closedOn: before.closed_on },
    after: { status, closedOn: changes.closed_on },
  });
  return toCase({ ...before, ...changes });
}

/**
 * Adds a party to an open case, in one transaction with the search index and the audit event. A
 * party marked as protected identity is kept from everyone but the case's insiders.
 */
export async function addParty(ctx: Ctx, by: UserActor, caseId: string, input: unknown): Promise<CaseParty> {
  const parsed = partySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(dedupe(fieldErrors(parsed.error.issues)));
  const p = parsed.data;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    await forAction(trx, ctx, caseId, "add_party");
    const row = partyRow(caseId, p, now);
    await insertParties(trx, [row]);
    await reindexCase(trx, ctx.dialect, ctx.config.tenantId, caseId, now);
    const party = toParty(row);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "case.add_party",
      subjectType: "case",
      subjectId: caseId,
      after: party,
    });
    return party;
  });
}
