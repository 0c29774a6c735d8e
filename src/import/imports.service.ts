import type { UserActor } from "../auth/actor.ts";
import { auditBy } from "../auth/audit-actor.ts";
import { createConsultation } from "../consultation/consultations.service.ts";
import { checkDeadline, lastDayRule, proposeDeadline } from "../consultation/deadlines.ts";
import { listAllUnits } from "../organisation/units.service.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/clock.ts";
import type { Ctx } from "../platform/context.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { safeFileName } from "../platform/files/file-name.ts";
import { type FileType, sniffFileType } from "../platform/files/file-type.ts";
import { newId } from "../platform/ids.ts";
import { fieldErrors } from "../platform/validation.ts";
import { newCaseSchema } from "../registry/cases.model.ts";
import { openCase } from "../registry/cases.service.ts";
import { checkDocumentInput } from "../registry/documents.model.ts";
import { registerDocument, type UploadedFile } from "../registry/documents.service.ts";
import { analyseDocument } from "./analyse.ts";
import type { Organisation } from "./extract.ts";
import { bodyLines, type ConfirmInput, confirmSchema, type ImportDraft } from "./imports.model.ts";
import { findImportDraft, insertImportDraft, markConfirmed, toImportDraft } from "./imports.store.ts";

/** What a received consultation may be: Word, PDF (with a text layer or scanned), text, or a scan. */
export const IMPORT_TYPES: readonly FileType[] = ["docx", "pdf", "txt", "png", "jpeg", "tiff"];
/** Weeks the city's own units get when the sender's deadline gives no room. */
const FALLBACK_WEEKS = 4;
/** Days before the sender's deadline that the units' answers are due, to leave time to compile. */
const DAYS_TO_COMPILE = 14;

/** Checks an upload (name, size, type, content), reads it and keeps the file and the proposal. */
export async function uploadForImport(
  ctx: Ctx,
  by: UserActor,
  file: UploadedFile | null,
): Promise<ImportDraft> {
  const { fileName, type } = await checkUpload(ctx, file);
  const bytes = file?.bytes ?? Buffer.alloc(0);
  const analysis = await analyseDocument(bytes, type, await organisationOf(ctx));
  if (analysis.repairedText.trim() === "")
    throw new ValidationError([{ field: "file", message: "import.no_text" }]);
  const { sha256, size } = await ctx.files.put(bytes);
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    file_name: fileName,
    sha256,
    size,
    file_type: type,
    method: analysis.method,
    raw_text: analysis.rawText,
    repaired_text: analysis.repairedText,
    changes: JSON.stringify(analysis.changes),
    proposal: JSON.stringify(analysis.proposal),
    status: "pending",
    case_id: null,
    created_by: by.id,
    created_at: now.toISOString(),
    confirmed_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertImportDraft(trx, row);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "import.read",
      subjectType: "import",
      subjectId: row.id,
      after: { fileName, sha256, method: analysis.method, proposal: analysis.proposal },
    });
  });
  return toImportDraft(row);
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
    const d = new Date(`${senderDeadline}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() - DAYS_TO_COMPILE);
    const proposed = lastDayRule(d.toISOString().slice(0, 10));
    if (proposed > today && proposed < senderDeadline) return proposed;
  }
  return proposeDeadline(today, FALLBACK_WEEKS);
}

export interface ConfirmResult {
  caseId: string;
  documentId: string;
  consultationId: string | null;
}

/**
 * Confirms a reviewed import: opens the case (the sender as its party), registers the original
 * file as an incoming document with the sender's deadline as its due date and, when the clerk
 * chose to send it on to the city's own units, creates a draft consultation with the document as
 * its material. Every problem with the form is found before anything is written; the case, the
 * document and the consultation are each written by their own service.
 */
export async function confirmImport(
  ctx: Ctx,
  by: UserActor,
  id: string,
  input: unknown,
): Promise<ConfirmResult> {
  const draft = await getImportDraft(ctx, id);
  if (draft.status !== "pending")
    throw new ConflictError(
      "the import is already confirmed",
      [],
      [{ field: "", message: "import.already_confirmed" }],
    );
  const today = stockholmDate(ctx.clock.now());
  const parsed = confirmSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  if (!parsed.success) throw new ValidationError(errors);
  const data = parsed.data;
  const caseInput = caseInputOf(data);
  const documentInput = documentInputOf(data, today);
  const caseCheck = newCaseSchema.safeParse(caseInput);
  if (!caseCheck.success) errors.push(...fieldErrors(caseCheck.error.issues));
  // The document's fields come from the form's: its errors are shown at the field they came from.
  const fromField: Record<string, string> = {
    description: "title",
    party: "senderOrganisation",
    dueDate: "deadline",
  };
  errors.push(
    ...checkDocumentInput(documentInput, today).errors.map((e) => ({
      ...e,
      field: fromField[e.field] ?? "title",
    })),
  );
  if (data.forward) errors.push(...(await forwardErrors(ctx, data, today)));
  if (errors.length > 0) throw new ValidationError(errors);

  const c = await openCase(ctx, by, caseInput);
  const document = await registerDocument(ctx, by, c.id, documentInput, {
    fileName: draft.fileName,
    bytes: await ctx.files.get(draft.sha256),
  });
  const consultationId = data.forward
    ? (await createConsultation(ctx, by, c.id, consultationInputOf(data, document.id))).consultation.id
    : null;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await markConfirmed(trx, draft.id, c.id, now.toISOString())))
      throw new ConflictError("the import is already confirmed");
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "import.confirm",
      subjectType: "import",
      subjectId: draft.id,
      after: {
        caseId: c.id,
        documentId: document.id,
        consultationId,
        confirmed: { ...data, bodies: bodyLines(data.bodies) },
      },
    });
  });
  return { caseId: c.id, documentId: document.id, consultationId };
}

const caseInputOf = (d: ConfirmInput) => ({
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
  ],
});

function documentInputOf(d: ConfirmInput, today: string) {
  const reference = d.diaryNumber ? ` (${d.diaryNumber})` : "";
  return {
    direction: "incoming",
    date: today,
    party: d.senderOrganisation,
    description: `Remiss: ${d.title}${reference}`.slice(0, 1000),
    documentType: "Remiss",
    ...(d.deadline && d.deadline >= today ? { dueDate: d.deadline } : {}),
  };
}

const consultationInputOf = (d: ConfirmInput, documentId: string) => ({
  title: d.title,
  deadline: d.internalDeadline ?? "",
  instructions: d.instructions ?? d.title,
  officerId: d.officerId,
  contact: [d.contactName, d.contactPhone, d.contactEmail].filter(Boolean).join(", ") || undefined,
  unitIds: d.unitIds ?? [],
  documentIds: [documentId],
});

/** What would stop the draft consultation: no units, no or a bad deadline, an unknown unit. */
async function forwardErrors(ctx: Ctx, d: ConfirmInput, today: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const chosen = d.unitIds ?? [];
  if (chosen.length === 0) errors.push({ field: "unitIds", message: "import.units_required" });
  const units = new Set((await listAllUnits(ctx)).map((u) => u.id));
  if (chosen.some((u) => !units.has(u)))
    errors.push({ field: "unitIds", message: "consultation.unit_unknown" });
  if (!d.internalDeadline)
    errors.push({ field: "internalDeadline", message: "import.internal_deadline_required" });
  else if (!checkDeadline(today, d.internalDeadline).ok)
    errors.push({ field: "internalDeadline", message: "import.internal_deadline_invalid" });
  return errors;
}

/** The organisation documents are read for: the tenant's name and its units. */
export async function organisationOf(ctx: Ctx): Promise<Organisation> {
  const tenant = await ctx.db
    .selectFrom("tenants")
    .select("name")
    .where("id", "=", ctx.config.tenantId)
    .executeTakeFirst();
  return { name: tenant?.name ?? null, units: await listAllUnits(ctx) };
}
