import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { safeFileName } from "../platform/files/file-name.ts";
import { sniffFileType } from "../platform/files/file-type.ts";
import { newId } from "../platform/ids.ts";
import { extractTextDetailed } from "../platform/text/extract.ts";
import { dedupe, isOneOf } from "../platform/validation.ts";
import { allowedActions } from "./cases.model.ts";
import type { PreparedCase } from "./cases.service.ts";
import { findCase, toCase } from "./cases.store.ts";
import {
  arrivalDate,
  checkDocumentInput,
  type DocumentInput,
  inFormOrder,
  type RegistryDocument,
  SIGNOFF_KINDS,
  type SignoffKind,
} from "./documents.model.ts";
import {
  caseDocuments,
  type DocumentRow,
  documentFiles,
  type FileRow,
  findDocument,
  insertDocument,
  insertFile,
  toDocument,
  updateDocumentRow,
} from "./documents.store.ts";
import { reindexCase } from "./search/search-index.ts";
import type { SecrecyGround } from "./secrecy-grounds.model.ts";
import { chosenSecrecyGround } from "./secrecy-grounds.service.ts";

export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

interface CheckedFile {
  fileName: string;
  bytes: Buffer;
  mime: string;
  type: Parameters<typeof extractTextDetailed>[1];
}

/** Checks an upload: a usable name, within the size limit, and content that is what its name says. */
async function checkFile(ctx: Ctx, file: UploadedFile, errors: FieldError[]): Promise<CheckedFile | null> {
  const fileName = safeFileName(file.fileName);
  if (!fileName) {
    errors.push({ field: "file", message: "document.file_name_invalid" });
    return null;
  }
  if (file.bytes.length > ctx.config.maxUploadMb * 1024 * 1024) {
    errors.push({
      field: "file",
      message: "document.file_too_large",
      params: { max: ctx.config.maxUploadMb },
    });
    return null;
  }
  const sniffed = await sniffFileType(file.bytes, fileName);
  if (!sniffed.ok) {
    errors.push({ field: "file", message: `document.file_${sniffed.reason}` });
    return null;
  }
  return { fileName, bytes: file.bytes, mime: sniffed.mime, type: sniffed.type };
}

/** Stores the bytes and their searchable text; returns the file row to insert. */
async function storeFile(
  ctx: Ctx,
  by: UserActor | "system",
  documentId: string,
  version: number,
  file: CheckedFile,
): Promise<FileRow> {
  const { sha256, size } = await ctx.files.put(file.bytes);
  const extraction = await extractTextDetailed(file.bytes, file.type);
  if (extraction.status !== "ok")
    ctx.log.info({ documentId, status: extraction.status }, "text extraction incomplete");
  return {
    id: newId(),
    document_id: documentId,
    version,
    sha256,
    size,
    file_name: file.fileName,
    mime: file.mime,
    text_content: extraction.text || null,
    uploaded_by: by === "system" ? null : by.id,
    uploaded_at: ctx.clock.now().toISOString(),
    disposed_at: null,
  };
}

async function openCaseFor(ctx: Ctx, caseId: string) {
  const row = await findCase(ctx.db, ctx.config.tenantId, caseId);
  if (!row) throw new NotFoundError();
  const c = toCase(row);
  if (!allowedActions(c.status).includes("add_document")) {
    throw new ConflictError("documents can only be added to an open case", [...allowedActions(c.status)]);
  }
  return c;
}

/**
 * A document checked and its file stored, ready to be written in the caller's transaction. The
 * bytes are stored first, outside it: if the transaction fails they stay in the blob store with no
 * file row naming them, which is harmless (a file is only ever served through its row) and is not
 * undone, since blobs are shared by content and another document may hold the same bytes.
 */
export interface PreparedDocument {
  row: DocumentRow;
  fileRow: FileRow | null;
  by: UserActor | "system";
}

/** A document's form, its secrecy ground and its file, checked (R1–R5) but nothing stored. */
export interface CheckedDocument {
  d: DocumentInput;
  ground: SecrecyGround | null;
  file: CheckedFile | null;
}

/**
 * Checks a document's form and file, adding every problem to `errors`: null when the form
 * cannot be read at all. For callers that check other things with it (a new case, say) and
 * report all the problems at once.
 */
export async function checkDocument(
  ctx: Ctx,
  input: unknown,
  file: UploadedFile | null,
  errors: FieldError[],
): Promise<CheckedDocument | null> {
  const today = stockholmDate(ctx.clock.now());
  const { data: d, errors: formErrors } = checkDocumentInput(input, today);
  errors.push(...formErrors);
  const ground = await chosenSecrecyGround(ctx, input, errors);
  const checked = file ? await checkFile(ctx, file, errors) : null;
  return d ? { d, ground: ground ?? null, file: checked } : null;
}

/**
 * Checks a document for a case (R1–R5) and stores its file: every problem with the form and the
 * file is reported at once and nothing is written. The case is an open one by id, or a case
 * prepared to be written in the same transaction. `publicHold` keeps a registered document out
 * of the public register until it is lifted (an answer to an open consultation).
 */
export async function prepareDocument(
  ctx: Ctx,
  by: UserActor | "system",
  caseRef: string | PreparedCase,
  input: unknown,
  file: UploadedFile | null,
  options: { publicHold?: string } = {},
): Promise<PreparedDocument> {
  const c = typeof caseRef === "string" ? await openCaseFor(ctx, caseRef) : caseRef;
  const errors: FieldError[] = [];
  const checked = await checkDocument(ctx, input, file, errors);
  if (!checked || errors.length > 0) throw new ValidationError(inFormOrder(dedupe(errors)));
  return prepareChecked(ctx, by, c.id, checked, options);
}

/** A checked document for the case `caseId`, its file stored: ready to be written. */
export async function prepareChecked(
  ctx: Ctx,
  by: UserActor | "system",
  caseId: string,
  checked: CheckedDocument,
  options: { publicHold?: string } = {},
): Promise<PreparedDocument> {
  const { d, ground } = checked;
  const today = stockholmDate(ctx.clock.now());
  const now = ctx.clock.now().toISOString();
  const id = newId();
  const fileRow = checked.file ? await storeFile(ctx, by, id, 1, checked.file) : null;
  const registered = !d.draft;
  const row: DocumentRow = {
    id,
    tenant_id: ctx.config.tenantId,
    case_id: caseId,
    direction: d.direction,
    status: registered ? "registered" : "draft",
    document_date: arrivalDate(d.date ?? today, d.foundAtFirstOpening === true),
    party: d.party ?? null,
    description: d.description,
    public_description: d.publicDescription ?? null,
    public_party: d.publicParty ?? null,
    // The ground's citation, kept verbatim in the register and the e-archive export.
    secrecy_provision: ground?.citation ?? null,
    secrecy_ground_id: ground?.id ?? null,
    secrecy_marked_on: d.secrecyMarkedOn ?? null,
    secrecy_authority: d.secrecyAuthority ?? null,
    document_type: d.documentType ?? null,
    due_date: d.dueDate ?? null,
    signed_off_on: null,
    signoff_kind: null,
    signoff_reference: null,
    registered_at: registered ? now : null,
    frozen_at: registered ? now : null,
    created_by: by === "system" ? null : by.id,
    created_at: now,
    updated_at: now,
    public_hold: options.publicHold ?? null,
  };
  return { row, fileRow, by };
}

/** Writes a prepared document, its search text and its audit event in the caller's transaction. */
export async function writePreparedDocument(
  ctx: Ctx,
  trx: Db,
  prepared: PreparedDocument,
): Promise<RegistryDocument> {
  const { row, fileRow, by } = prepared;
  const now = new Date(row.created_at);
  await insertDocument(trx, row);
  if (fileRow) await insertFile(trx, fileRow);
  await reindexCase(trx, ctx.dialect, ctx.config.tenantId, row.case_id, now);
  await appendAudit(trx, ctx.config.tenantId, now, {
    ...auditBy(by),
    action: row.status === "registered" ? "document.register" : "document.create_draft",
    subjectType: "document",
    subjectId: row.id,
    after: {
      ...toDocument(row),
      caseId: row.case_id,
      file: fileRow ? { name: fileRow.file_name, sha256: fileRow.sha256 } : null,
    },
  });
  return toDocument(row);
}

/**
 * Registers a document in a case (R1–R5): every problem with the form and the file is reported
 * at once; the document, its first file version and the audit event are written together.
 * Incoming documents are public records at once; outgoing and internal ones may start as drafts.
 */
export async function registerDocument(
  ctx: Ctx,
  by: UserActor | "system",
  caseId: string,
  input: unknown,
  file: UploadedFile | null,
): Promise<RegistryDocument> {
  const prepared = await prepareDocument(ctx, by, caseId, input, file);
  return ctx.db.transaction().execute((trx) => writePreparedDocument(ctx, trx, prepared));
}

export async function getDocument(ctx: Ctx, id: string): Promise<RegistryDocument> {
  const row = await findDocument(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  return toDocument(row);
}

export const getDocumentFiles = (ctx: Ctx, documentId: string) => documentFiles(ctx.db, documentId);

export async function getCaseDocuments(ctx: Ctx, caseId: string): Promise<RegistryDocument[]> {
  return (await caseDocuments(ctx.db, caseId)).map(toDocument);
}

/**
 * A document's change in one transaction: `first` (if any), the row, its case's search index and
 * the audit event.
 */
async function writeDocumentChange(
  ctx: Ctx,
  by: UserActor,
  doc: RegistryDocument,
  now: Date,
  changes: Partial<DocumentRow>,
  event: { action: string; before?: unknown; after: unknown },
  first?: (trx: Db) => Promise<unknown>,
): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await first?.(trx);
    await writeDocumentChangeIn(ctx, trx, by, doc, now, changes, event);
  });
}

/** A document's change, its search text and its audit event, in the caller's transaction. */
async function writeDocumentChangeIn(
  ctx: Ctx,
  trx: Db,
  by: UserActor,
  doc: RegistryDocument,
  now: Date,
  changes: Partial<DocumentRow>,
  event: { action: string; before?: unknown; after: unknown },
): Promise<void> {
  await updateDocumentRow(trx, doc.id, changes);
  await reindexCase(trx, ctx.dialect, ctx.config.tenantId, doc.caseId, now);
  await appendAudit(trx, ctx.config.tenantId, now, {
    ...auditBy(by),
    ...event,
    subjectType: "document",
    subjectId: doc.id,
  });
}

/** A new version of a draft's file; the old versions are kept. A registered version is frozen (R4). */
export async function addFileVersion(
  ctx: Ctx,
  by: UserActor,
  documentId: string,
  file: UploadedFile,
): Promise<FileRow> {
  const doc = await getDocument(ctx, documentId);
  if (doc.status !== "draft") throw new ConflictError("a registered document is frozen", ["sign_off"]);
  const errors: FieldError[] = [];
  const checked = await checkFile(ctx, file, errors);
  if (!checked) throw new ValidationError(errors);
  const versions = await documentFiles(ctx.db, documentId);
  const fileRow = await storeFile(ctx, by, documentId, (versions.at(-1)?.version ?? 0) + 1, checked);
  const now = ctx.clock.now();
  await writeDocumentChange(
    ctx,
    by,
    doc,
    now,
    { updated_at: now.toISOString() },
    {
      action: "document.add_version",
      after: { version: fileRow.version, name: fileRow.file_name, sha256: fileRow.sha256 },
    },
    (trx) => insertFile(trx, fileRow),
  );
  return fileRow;
}

/** A draft becomes a public record when it is sent or finished: registered, and its version frozen (R4). */
export async function finalizeDocument(
  ctx: Ctx,
  by: UserActor,
  documentId: string,
): Promise<RegistryDocument> {
  const doc = await getDocument(ctx, documentId);
  if (doc.status !== "draft") throw new ConflictError("the document is already registered", ["sign_off"]);
  const now = ctx.clock.now();
  const changes = {
    status: "registered" as const,
    registered_at: now.toISOString(),
    frozen_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await writeDocumentChange(ctx, by, doc, now, changes, {
    action: "document.register",
    before: { status: "draft" },
    after: { status: "registered" },
  });
  return { ...doc, status: "registered", registeredAt: changes.registered_at };
}

/** R5: an incoming document is signed off: answered by letter, noted, or handled in another case (with a reference). */
export async function signOff(
  ctx: Ctx,
  by: UserActor,
  documentId: string,
  input: { kind?: unknown; reference?: unknown },
): Promise<RegistryDocument> {
  const doc = await getDocument(ctx, documentId);
  const errors: FieldError[] = [];
  const kind = isOneOf(SIGNOFF_KINDS, input.kind) ? input.kind : null;
  const reference = typeof input.reference === "string" ? input.reference.trim().slice(0, 200) : "";
  if (!kind) errors.push({ field: "kind", message: "validation.choice" });
  if (kind && kind !== "noted" && !reference)
    errors.push({ field: "reference", message: "document.signoff_reference_required" });
  if (!kind || errors.length > 0) throw new ValidationError(errors);
  return ctx.db.transaction().execute((trx) => signOffIn(ctx, trx, by, doc, kind, reference));
}

/**
 * Signs off an incoming document in the caller's transaction (a step that answers it, such as a
 * copy request's decision, signs it off with the answer).
 */
export async function signOffIn(
  ctx: Ctx,
  trx: Db,
  by: UserActor,
  doc: RegistryDocument,
  kind: SignoffKind,
  reference: string,
): Promise<RegistryDocument> {
  if (doc.direction !== "incoming" || doc.signedOffOn)
    throw new ConflictError("only an incoming document not yet signed off can be signed off", []);
  const now = ctx.clock.now();
  const changes = {
    signed_off_on: stockholmDate(now),
    signoff_kind: kind,
    signoff_reference: reference || null,
    updated_at: now.toISOString(),
  };
  await writeDocumentChangeIn(ctx, trx, by, doc, now, changes, {
    action: "document.sign_off",
    after: { kind, reference: reference || null },
  });
  return {
    ...doc,
    signedOffOn: changes.signed_off_on,
    signoffKind: kind,
    signoffReference: changes.signoff_reference,
  };
}
