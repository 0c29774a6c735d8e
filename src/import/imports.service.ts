import { auditBy, type UserActor } from "../auth/index.ts";
import {
  lastDayRule,
  prepareConsultation,
  proposeDeadline,
  writePreparedConsultation,
} from "../consultation/index.ts";
import { listAllUnits } from "../organisation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { addCivilDays, stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { safeFileName } from "../platform/files/file-name.ts";
import { type FileType, sniffFileType } from "../platform/files/file-type.ts";
import { newId } from "../platform/ids.ts";
import { importReads } from "../platform/metrics.ts";
import { findTenantName } from "../platform/tenants.store.ts";
import { dedupe, fieldErrors, renamed } from "../platform/validation.ts";
import {
  checkDocumentInput,
  prepareCase,
  prepareDocument,
  type UploadedFile,
  writePreparedCase,
  writePreparedDocument,
} from "../registry/index.ts";
import { type Analysis, analyseDocument } from "./analyse.ts";
import type { Organisation } from "./extract.ts";
import {
  bodyLines,
  type ConfirmInput,
  confirmSchema,
  type ImportDraft,
  type ImportStatus,
} from "./imports.model.ts";
import {
  draftsIn,
  findImportDraft,
  insertImportDraft,
  markConfirmed,
  markDiscarded,
  markFailed,
  markRead,
  recordPagesRead,
  toImportDraft,
} from "./imports.store.ts";
import { withReading } from "./page-progress.ts";
import { MAX_PAGES, pageCount } from "./read.ts";

/** What a received consultation may be: Word, PDF (with a text layer or scanned), text, or a scan. */
export const IMPORT_TYPES: readonly FileType[] = ["docx", "pdf", "txt", "png", "jpeg", "tiff"];
/** Weeks the city's own units get when the sender's deadline gives no room. */
const FALLBACK_WEEKS = 4;
/** Days before the sender's deadline that the units' answers are due, to leave time to compile. */
const DAYS_TO_COMPILE = 14;

/**
 * Checks an upload (name, size, type, content, pages), keeps the file and a draft to be read in
 * the background (`readImport`). A refused upload stores nothing.
 */
export async function uploadForImport(
  ctx: Ctx,
  by: UserActor,
  file: UploadedFile | null,
): Promise<ImportDraft> {
  const { fileName, type } = await checkUpload(ctx, file);
  const bytes = file?.bytes ?? Buffer.alloc(0);
  const pages = await pageCount(bytes, type).catch(() => 0);
  if (pages < 1) throw new ValidationError([{ field: "file", message: "import.no_text" }]);
  if (pages > MAX_PAGES)
    throw new ValidationError([
      { field: "file", message: "import.too_many_pages", params: { max: MAX_PAGES, pages } },
    ]);
  const { sha256, size } = await ctx.files.put(bytes);
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    file_name: fileName,
    sha256,
    size,
    file_type: type,
    method: null,
    raw_text: null,
    repaired_text: null,
    changes: null,
    proposal: null,
    status: "reading" as const,
    case_id: null,
    created_by: by.id,
    created_at: now.toISOString(),
    confirmed_at: null,
    pages,
    pages_read: 0,
    failure: null,
    discarded_at: null,
    discarded_by: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertImportDraft(trx, row);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "import.upload",
      subjectType: "import",
      subjectId: row.id,
      after: { fileName, sha256, pages },
    });
  });
  return toImportDraft(row);
}

/**
 * Reads one uploaded draft (the background reader's step), recording each page read: the draft
 * ends ready for review with its proposal, or failed with the reason. A draft no longer reading
 * is left alone; an aborted reading (the server stopping) leaves it reading, to be read again.
 */
export async function readImport(ctx: Ctx, id: string, signal?: AbortSignal): Promise<void> {
  const row = await findImportDraft(ctx.db, ctx.config.tenantId, id);
  if (row?.status !== "reading") return;
  const timer = importReads.startTimer();
  const finish = async (action: string, write: (trx: Db) => Promise<boolean>, after: object) =>
    ctx.db.transaction().execute(async (trx) => {
      timer({ outcome: action === "import.read" ? "read" : "failed" });
      if (!(await write(trx))) return;
      await appendAudit(trx, ctx.config.tenantId, ctx.clock.now(), {
        ...auditBy("system"),
        action,
        subjectType: "import",
        subjectId: id,
        after,
      });
    });
  let analysis: Analysis;
  try {
    await recordPagesRead(ctx.db, id, 0, row.pages ?? 1);
    const bytes = await ctx.files.get(row.sha256);
    const organisation = await organisationOf(ctx);
    const report = (page: number, pages: number) => recordPagesRead(ctx.db, id, page, pages);
    analysis = await withReading({ report, signal }, () =>
      analyseDocument(bytes, row.file_type as FileType, organisation),
    );
  } catch (error) {
    if (signal?.aborted) return;
    ctx.log.error({ err: error, importId: id }, "import reading failed");
    await finish("import.read_failed", (trx) => markFailed(trx, id, "import.read_failed"), {
      failure: "import.read_failed",
    });
    return;
  }
  if (analysis.repairedText.trim() === "") {
    await finish("import.read_failed", (trx) => markFailed(trx, id, "import.no_text"), {
      failure: "import.no_text",
    });
    return;
  }
  await recordPagesRead(ctx.db, id, row.pages ?? 1, row.pages ?? 1);
  await finish("import.read", (trx) => markRead(trx, id, analysis), {
    method: analysis.method,
    proposal: analysis.proposal,
  });
}

/**
 * Discards an import awaiting review (or one that could not be read): the draft and its file are
 * kept with status `discarded`, who and when, and the event is audited. The file was never
 * registered, so nothing in the registry changes.
 */
export async function discardImport(ctx: Ctx, by: UserActor, id: string): Promise<void> {
  const draft = await getImportDraft(ctx, id);
  if (draft.status !== "pending" && draft.status !== "failed") throw notPending(draft.status);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await markDiscarded(trx, id, by.id, now.toISOString()))) throw notPending("confirmed");
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "import.discard",
      subjectType: "import",
      subjectId: id,
      before: { status: draft.status },
      after: { status: "discarded" },
    });
  });
}

/** The refusal of a step that needs a draft ready for review, by what the draft is instead. */
function notPending(status: ImportStatus): ConflictError {
  const message =
    status === "reading"
      ? "import.still_reading"
      : status === "confirmed"
        ? "import.already_confirmed"
        : "import.not_pending";
  return new ConflictError(`the import is ${status}`, [], [{ field: "", message }]);
}

async function checkUpload(
  ctx: Ctx,
  file: UploadedFile | null,
): Promise<{ fileName: string; type: FileType }> {
  const refuse = (message: string, params?: Record<string, string | number>) =>
    new ValidationError([{ field: "file", message, ...(params ? { params } : {}) }]);
  if (!file) throw refuse("import.file_required");
  const fileName = safeFileName(file.fileName);
  if (!fileName) throw refuse("document.file_name_invalid");
  if (file.bytes.length > ctx.config.maxUploadMb * 1024 * 1024)
    throw refuse("document.file_too_large", { max: ctx.config.maxUploadMb });
  const sniffed = await sniffFileType(file.bytes, fileName);
  if (!sniffed.ok && sniffed.reason === "extension_not_allowed") throw refuse("import.file_type");
  if (!sniffed.ok) throw refuse(`document.file_${sniffed.reason}`);
  if (!IMPORT_TYPES.includes(sniffed.type)) throw refuse("import.file_type");
  return { fileName, type: sniffed.type };
}

export async function getImportDraft(ctx: Ctx, id: string): Promise<ImportDraft> {
  const row = await findImportDraft(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  return toImportDraft(row);
}

/** The date proposed for the city's own units: two weeks before the sender's deadline, or four weeks on. */
export function proposedInternalDeadline(today: string, senderDeadline: string | null): string {
  if (senderDeadline) {
    const proposed = lastDayRule(addCivilDays(senderDeadline, -DAYS_TO_COMPILE));
    if (proposed > today && proposed < senderDeadline) return proposed;
  }
  return proposeDeadline(today, FALLBACK_WEEKS);
}

export interface ConfirmResult {
  caseId: string;
  documentId: string;
  consultationId: string | null;
}

/** The fields of each step's errors as the review form names them. */
const FROM_CASE: Record<string, string> = {
  "parties.0.name": "senderOrganisation",
  "parties.0.organisation": "senderOrganisation",
  "parties.0.email": "contactEmail",
  "parties.1.name": "senderOrganisation",
  "parties.1.email": "replyToEmail",
};
const FROM_DOCUMENT: Record<string, string> = {
  description: "title",
  party: "senderOrganisation",
  dueDate: "deadline",
};
const FROM_CONSULTATION: Record<string, string> = {
  deadline: "internalDeadline",
  groups: "unitIds",
  contact: "contactName",
};

/** Runs a step's checks; its refusal becomes field errors of the form (`fallback` for fields the form lacks). */
async function checked<T>(
  errors: FieldError[],
  fields: Record<string, string>,
  fallback: string | null,
  step: () => Promise<T>,
): Promise<T | null> {
  try {
    return await step();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    errors.push(...e.fields.map((f) => ({ ...f, field: renamed(fields, f.field) ?? fallback ?? f.field })));
    return null;
  }
}

/**
 * The confirmed form, and its problems in `errors`. When the form is wrong its fields are read
 * one by one, so the checks of the case, the document and the consultation still run on the
 * rest and every problem is shown at once.
 */
function confirmedInput(input: unknown, errors: FieldError[]): Partial<ConfirmInput> {
  const parsed = confirmSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  errors.push(...fieldErrors(parsed.error.issues));
  const raw = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(confirmSchema.shape).map(([key, schema]) => {
      const one = schema.safeParse(raw[key]);
      return [key, one.success ? one.data : undefined];
    }),
  ) as Partial<ConfirmInput>;
}

/**
 * Confirms a reviewed import: opens the case (the sender as its party), registers the original
 * file as an incoming document with the sender's deadline as its due date and, when the clerk
 * chose to send it on to the city's own units, creates a draft consultation with the document as
 * its material. Everything is checked (all problems at once) and the file stored first; then the
 * case, the document, the consultation and the draft's confirmation are written in one
 * transaction, so a failure at any step leaves none of them behind.
 */
export async function confirmImport(
  ctx: Ctx,
  by: UserActor,
  id: string,
  input: unknown,
): Promise<ConfirmResult> {
  const draft = await getImportDraft(ctx, id);
  if (draft.status !== "pending") throw notPending(draft.status);
  const today = stockholmDate(ctx.clock.now());
  const errors: FieldError[] = [];
  const data = confirmedInput(input, errors);
  const documentInput = documentInputOf(data, today);
  errors.push(
    ...checkDocumentInput(documentInput, today).errors.map((e) => ({
      ...e,
      field: renamed(FROM_DOCUMENT, e.field) ?? "title",
    })),
  );
  if (data.forward) errors.push(...forwardErrors(data));
  const newCase = await checked(errors, FROM_CASE, null, () => prepareCase(ctx, by, caseInputOf(data)));
  const consultation = data.forward
    ? await checked(errors, FROM_CONSULTATION, null, () =>
        prepareConsultation(
          ctx,
          by,
          { caseId: newCase?.id ?? "", registeredDocumentIds: [] },
          consultationInputOf(data),
        ),
      )
    : null;
  if (!newCase || errors.length > 0) throw new ValidationError(dedupe(errors));
  const file = { fileName: draft.fileName, bytes: await ctx.files.get(draft.sha256) };
  const document = await checked(errors, FROM_DOCUMENT, "title", () =>
    prepareDocument(ctx, by, newCase, documentInput, file),
  );
  if (!document) throw new ValidationError(dedupe(errors));

  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await writePreparedCase(ctx, trx, newCase);
    await writePreparedDocument(ctx, trx, document);
    // The material is the document written just above, in the same case.
    if (consultation)
      await writePreparedConsultation(ctx, trx, { ...consultation, documentIds: [document.row.id] });
    if (!(await markConfirmed(trx, draft.id, newCase.id, now.toISOString())))
      throw new ConflictError("the import is already confirmed");
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "import.confirm",
      subjectType: "import",
      subjectId: draft.id,
      after: {
        caseId: newCase.id,
        documentId: document.row.id,
        consultationId: consultation?.row.id ?? null,
        confirmed: { ...data, bodies: bodyLines(data.bodies) },
      },
    });
  });
  return { caseId: newCase.id, documentId: document.row.id, consultationId: consultation?.row.id ?? null };
}

/**
 * The case's parties: the sender's contact (or the sender itself) and, when the sender asks for
 * the answer at another address (a registry mailbox), the sender with that address, so the
 * reply-to address is kept on the case.
 */
const caseInputOf = (d: Partial<ConfirmInput>) => ({
  title: d.title,
  registryId: d.registryId,
  classId: d.classId,
  unitId: d.unitId,
  officerId: d.officerId,
  parties: [
    {
      name: d.contactName ?? d.senderOrganisation,
      organisation: d.senderOrganisation,
      ...(d.contactEmail ? { email: d.contactEmail } : {}),
    },
    ...(d.replyToEmail && d.replyToEmail !== d.contactEmail
      ? [{ name: d.senderOrganisation, email: d.replyToEmail }]
      : []),
  ],
});

function documentInputOf(d: Partial<ConfirmInput>, today: string) {
  const reference = d.diaryNumber ? ` (${d.diaryNumber})` : "";
  return {
    direction: "incoming",
    date: today,
    party: d.senderOrganisation,
    description: `Remiss: ${d.title ?? ""}${reference}`.slice(0, 1000),
    documentType: "Remiss",
    // The sender's deadline is kept even when it has passed: the review page warns about it.
    ...(d.deadline ? { dueDate: d.deadline } : {}),
  };
}

const consultationInputOf = (d: Partial<ConfirmInput>) => ({
  title: d.title,
  deadline: d.internalDeadline ?? "",
  instructions: d.instructions ?? d.title,
  officerId: d.officerId,
  contact: [d.contactName, d.contactPhone, d.contactEmail].filter(Boolean).join(", ") || undefined,
  unitIds: d.unitIds ?? [],
});

/** What the import asks before the consultation's own checks: units chosen and their deadline given. */
function forwardErrors(d: Partial<ConfirmInput>): FieldError[] {
  const errors: FieldError[] = [];
  if ((d.unitIds ?? []).length === 0) errors.push({ field: "unitIds", message: "import.units_required" });
  if (!d.internalDeadline)
    errors.push({ field: "internalDeadline", message: "import.internal_deadline_required" });
  return errors;
}

/** The organisation documents are read for: the tenant's name and its units. */
export async function organisationOf(ctx: Ctx): Promise<Organisation> {
  const tenant = await findTenantName(ctx.db, ctx.config.tenantId);
  return { name: tenant?.name ?? null, units: await listAllUnits(ctx) };
}

/** A document uploaded for import and not yet confirmed: the registry's review queue. */
export interface WaitingImport {
  id: string;
  fileName: string;
  /** The title the importer proposes, empty when it found none (or has not read it yet). */
  title: string;
  status: ImportStatus;
  createdAt: string;
}

const waiting = async (ctx: Ctx, statuses: ImportStatus[], limit: number): Promise<WaitingImport[]> =>
  (await draftsIn(ctx.db, ctx.config.tenantId, statuses, limit)).map((r) => ({
    id: r.id,
    fileName: r.file_name,
    title: (JSON.parse(r.proposal ?? "{}") as { title?: string | null }).title ?? "",
    status: r.status,
    createdAt: r.created_at,
  }));

/** The imports read and waiting for a registrator's review, newest first. */
export const waitingImports = (ctx: Ctx, limit: number) => waiting(ctx, ["pending"], limit);

/** The imports still being read or that could not be read (to be looked at or discarded), newest first. */
export const unreadImports = (ctx: Ctx, limit: number) => waiting(ctx, ["reading", "failed"], limit);
