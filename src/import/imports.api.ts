import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { ValidationError } from "../platform/errors.ts";
import { apiRoute } from "../platform/http/api-route.ts";
import { readMultipart } from "../platform/http/multipart.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import { renamed } from "../platform/validation.ts";
import type { ImportDraft } from "./imports.model.ts";
import { confirmImport, getImportDraft, uploadForImport } from "./imports.service.ts";

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

const importSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  fileType: z.string(),
  method: z.enum(["text", "ocr"]),
  status: z.enum(["pending", "confirmed"]),
  caseId: z.string().nullable(),
  createdAt: z.string(),
  proposal: proposalSchema,
  /** The words the repair changed, and the text as read and as repaired. */
  changes: z.array(z.object({ before: z.string(), after: z.string() })),
  rawText: z.string(),
  repairedText: z.string(),
});
nameApiSchemas({ ImportProposal: proposalSchema, Import: importSchema });

const asJson = (d: ImportDraft): z.input<typeof importSchema> => ({
  id: d.id,
  fileName: d.fileName,
  fileType: d.fileType,
  method: d.method,
  status: d.status,
  caseId: d.caseId,
  createdAt: d.createdAt,
  proposal: d.proposal,
  changes: d.changes,
  rawText: d.rawText,
  repairedText: d.repairedText,
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

export async function importsApi(app: FastifyInstance) {
  const { ctx } = app;
  const idParams = z.strictObject({ id: z.string().max(100) });
  const manager = (req: Parameters<typeof requireCan>[0]) => requireCan(req, "import.manage");

  apiRoute(app, {
    method: "POST",
    path: "/imports",
    summary:
      "Read a received consultation: multipart/form-data with one `file` (.docx, .pdf, .txt, .png, .jpg, .tif); answers the proposal",
    tag: "import",
    access: manager,
    body: z.object({}),
    bodyCheckedBy: "service",
    acceptsUpload: true,
    response: importSchema,
    status: 201,
    handler: async (req) => {
      const file = req.isMultipart() ? readMultipart(req).file : null;
      return asJson(await uploadForImport(ctx, manager(req), file));
    },
  });

  apiRoute(app, {
    method: "GET",
    path: "/imports/:id",
    summary: "A read consultation with its proposal, and the case once confirmed",
    tag: "import",
    access: manager,
    params: idParams,
    query: z.strictObject({}),
    response: importSchema,
    handler: async (_req, { params }) => asJson(await getImportDraft(ctx, params.id)),
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
