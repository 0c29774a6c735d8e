import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { ValidationError } from "../platform/errors.ts";
import { apiRoute } from "../platform/http/api-route.ts";
import { readMultipart } from "../platform/http/multipart.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import type { Translate } from "../platform/i18n/index.ts";
import { renamed } from "../platform/validation.ts";
import type { ImportDraft } from "./imports.model.ts";
import type { ImportReader } from "./imports.reader.ts";
import { confirmImport, discardImport, getImportDraft, uploadForImport } from "./imports.service.ts";

const nullableText = z.string().nullable();
/** The proposal with the field names the issue fixed (snake_case), `null` where the document has none. */
const proposalSchema = z.object({
  title: nullableText,
  diary_number: nullableText,
  sender_organisation: nullableText,
  date_sent: nullableText,
  deadline: nullableText,
  contact_name: nullableText,
  contact_phone: nullableText,
  contact_email: nullableText,
  reply_to_email: nullableText,
  consulted_bodies: z.array(z.string()),
  instructions: nullableText,
  matches: z.array(z.object({ body: z.string(), unit_id: z.string(), confidence: z.number() })),
});

const progressSchema = z.object({ page: z.number().int(), pages: z.number().int() });
const importSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  fileType: z.string(),
  /** reading (in the background), pending (ready for review), failed, confirmed or discarded. */
  status: z.enum(["reading", "pending", "failed", "confirmed", "discarded"]),
  /** Pages read so far, of the document's pages. */
  progress: progressSchema,
  /** Why the reading failed, in the reader's language; null unless failed. */
  failure: z.string().nullable(),
  caseId: z.string().nullable(),
  createdAt: z.string(),
  /** The rest is null until the document has been read. */
  method: z.enum(["text", "ocr"]).nullable(),
  proposal: proposalSchema.nullable(),
  /** The words the repair changed, and the text as read and as repaired. */
  changes: z.array(z.object({ before: z.string(), after: z.string() })).nullable(),
  rawText: z.string().nullable(),
  repairedText: z.string().nullable(),
});
const uploadedSchema = z.object({ id: z.string(), status: z.literal("reading"), progress: progressSchema });
nameApiSchemas({ ImportProposal: proposalSchema, Import: importSchema, ImportUploaded: uploadedSchema });

const asJson = (d: ImportDraft, t: Translate): z.input<typeof importSchema> => ({
  id: d.id,
  fileName: d.fileName,
  fileType: d.fileType,
  status: d.status,
  progress: d.progress,
  failure: d.failure ? t(d.failure) : null,
  caseId: d.caseId,
  createdAt: d.createdAt,
  method: d.reading?.method ?? null,
  proposal: d.reading?.proposal ?? null,
  changes: d.reading?.changes ?? null,
  rawText: d.reading?.rawText ?? null,
  repairedText: d.reading?.repairedText ?? null,
});

/** The confirm body: the (edited) proposal, the case's facts and, to send it on, the units and their deadline. */
const confirmBody = z.strictObject({
  proposal: proposalSchema
    .omit({ matches: true })
    .extend({ matches: proposalSchema.shape.matches.optional() }),
  registryId: z.string(),
  classId: z.string(),
  unitId: z.string(),
  officerId: z.string(),
  forward: z
    .strictObject({ unitIds: z.array(z.string()), deadline: z.string() })
    .nullable()
    .optional(),
});

/** The review form's field behind each part of the API's body, both ways. */
const PROPOSAL_FIELDS = {
  title: "title",
  diary_number: "diaryNumber",
  sender_organisation: "senderOrganisation",
  date_sent: "dateSent",
  deadline: "deadline",
  contact_name: "contactName",
  contact_phone: "contactPhone",
  contact_email: "contactEmail",
  reply_to_email: "replyToEmail",
  consulted_bodies: "bodies",
  instructions: "instructions",
} as const;
const CASE_FIELDS = ["registryId", "classId", "unitId", "officerId"] as const;
const API_FIELD: Record<string, string> = {
  ...Object.fromEntries(Object.entries(PROPOSAL_FIELDS).map(([api, form]) => [form, `proposal.${api}`])),
  unitIds: "forward.unitIds",
  internalDeadline: "forward.deadline",
};

const record = (v: unknown): Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/**
 * The API's body as the review form's fields, for the service to check with everything else at
 * once. Nothing is dropped: a wrong type stays wrong (a string for `consulted_bodies` is taken as
 * the form's text, one body a line), and an unknown key is passed on under its API name, so the
 * service refuses it too.
 */
function formInputOf(body: unknown): Record<string, unknown> {
  const b = record(body);
  const p = record(b.proposal);
  const forward = b.forward === null || b.forward === undefined ? null : record(b.forward);
  const input: Record<string, unknown> = {};
  for (const [api, form] of Object.entries(PROPOSAL_FIELDS)) input[form] = p[api] ?? undefined;
  if (Array.isArray(p.consulted_bodies) && p.consulted_bodies.every((x) => typeof x === "string"))
    input.bodies = p.consulted_bodies.join("\n");
  for (const key of CASE_FIELDS) input[key] = b[key];
  input.forward = forward !== null;
  if (forward) {
    input.unitIds = forward.unitIds;
    input.internalDeadline = forward.deadline ?? undefined;
  }
  const known = (keys: readonly string[], o: Record<string, unknown>, prefix: string) => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) input[`${prefix}${k}`] = o[k];
  };
  known(["proposal", "forward", ...CASE_FIELDS], b, "");
  known([...Object.keys(PROPOSAL_FIELDS), "matches"], p, "proposal.");
  if (forward) known(["unitIds", "deadline"], forward, "forward.");
  return input;
}

export async function importsApi(app: FastifyInstance, { reader }: { reader: ImportReader }) {
  const { ctx } = app;
  const idParams = z.strictObject({ id: z.string().max(100) });
  const manager = (req: Parameters<typeof requireCan>[0]) => requireCan(req, "import.manage");

  apiRoute(app, {
    method: "POST",
    path: "/imports",
    summary:
      "Upload a received consultation to be read: multipart/form-data with one `file` (.docx, .pdf, .txt, .png, .jpg, .tif; up to 100 pages). Answers at once; reading runs in the background: poll GET /imports/{id} until its status is no longer `reading`",
    tag: "import",
    access: manager,
    body: z.object({}),
    bodyCheckedBy: "service",
    acceptsUpload: true,
    response: uploadedSchema,
    status: 202,
    handler: async (req) => {
      const file = req.isMultipart() ? readMultipart(req).file : null;
      const draft = await uploadForImport(ctx, manager(req), file);
      reader.kick();
      return { id: draft.id, status: "reading" as const, progress: draft.progress };
    },
  });

  apiRoute(app, {
    method: "GET",
    path: "/imports/:id",
    summary:
      "An uploaded consultation: its status and reading progress, then its proposal, and the case once confirmed",
    tag: "import",
    access: manager,
    params: idParams,
    query: z.strictObject({}),
    response: importSchema,
    handler: async (req, { params }) => asJson(await getImportDraft(ctx, params.id), req.t),
  });

  apiRoute(app, {
    method: "POST",
    path: "/imports/:id/discard",
    summary:
      "Discard an import awaiting review (or one that could not be read): it is kept, marked discarded, and nothing is registered",
    tag: "import",
    access: manager,
    params: idParams,
    body: z.strictObject({}),
    response: z.object({ id: z.string(), status: z.literal("discarded") }),
    handler: async (req, { params }) => {
      await discardImport(ctx, manager(req), params.id);
      return { id: params.id, status: "discarded" as const };
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/imports/:id/confirm",
    summary:
      "Confirm the (edited) proposal: opens the case, registers the file as an incoming document and, with `forward`, drafts the consultation to the city's units",
    tag: "import",
    access: manager,
    params: idParams,
    body: confirmBody,
    bodyCheckedBy: "service",
    response: z.object({ caseId: z.string(), documentId: z.string(), consultationId: z.string().nullable() }),
    status: 201,
    handler: async (req, { params, body }) => {
      try {
        return await confirmImport(ctx, manager(req), params.id, formInputOf(body));
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        throw new ValidationError(
          e.fields.map((f) => ({ ...f, field: renamed(API_FIELD, f.field) ?? f.field })),
        );
      }
    },
  });
}
