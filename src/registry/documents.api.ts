import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type Actor, requireCan, requireUser } from "../auth/index.ts";
import { NotFoundError } from "../platform/errors.ts";
import { apiFileRoute, apiRoute } from "../platform/http/api-route.ts";
import { readMultipart } from "../platform/http/multipart.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import {
  documentRestricted,
  documentsAsListed,
  documentText,
  requireCaseWrite,
  seesCaseInFull,
} from "./case-visibility.ts";
import type { Case } from "./cases.model.ts";
import { getCase } from "./cases.service.ts";
import { disposalOfFile } from "./disposal.service.ts";
import { sendDisposedFile } from "./disposed-file.tsx";
import {
  DIRECTIONS,
  DOCUMENT_STATUSES,
  documentInputSchema,
  type RegistryDocument,
  SIGNOFF_KINDS,
  signOffSchema,
} from "./documents.model.ts";
import {
  getCaseDocuments,
  getDocument,
  getDocumentFiles,
  registerDocument,
  signOff,
} from "./documents.service.ts";
import { sendStoredFile } from "./file-response.ts";

const documentSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  direction: z.enum(DIRECTIONS),
  status: z.enum(DOCUMENT_STATUSES),
  date: z.string(),
  party: z.string().nullable(),
  description: z.string(),
  secrecy: z.object({ provision: z.string(), markedOn: z.string(), authority: z.string() }).nullable(),
  documentType: z.string().nullable(),
  dueDate: z.string().nullable(),
  signedOffOn: z.string().nullable(),
  signoffKind: z.enum(SIGNOFF_KINDS).nullable(),
  files: z.array(
    z.object({
      version: z.number(),
      fileName: z.string(),
      size: z.number(),
      sha256: z.string(),
      mime: z.string(),
      /** When the content was disposed of (R6); the entry stays, the bytes are gone. */
      disposedAt: z.string().nullable(),
    }),
  ),
});
nameApiSchemas({ Document: documentSchema });
const idParams = z.strictObject({ id: z.string().max(100) });

/**
 * A document as this reader may see it: for readers outside the case (not case.view_full) as the
 * public register shows it, with the public description and party, no secrecy ground and no files.
 */
async function asJson(ctx: FastifyInstance["ctx"], d: RegistryDocument, full: boolean) {
  const restricted = documentRestricted(d, full);
  const files = restricted ? [] : await getDocumentFiles(ctx, d.id);
  const { description, party } = documentText(d, full);
  return {
    id: d.id,
    caseId: d.caseId,
    direction: d.direction,
    status: d.status,
    date: d.date,
    party,
    description,
    secrecy:
      d.secrecy && restricted
        ? { provision: "", markedOn: d.secrecy.markedOn, authority: d.secrecy.authority }
        : d.secrecy,
    documentType: d.documentType,
    dueDate: d.dueDate,
    signedOffOn: d.signedOffOn,
    signoffKind: d.signoffKind,
    files: files.map((f) => ({
      version: f.version,
      fileName: f.file_name,
      size: f.size,
      sha256: f.sha256,
      mime: f.mime,
      disposedAt: f.disposed_at,
    })),
  };
}

export async function documentsApi(app: FastifyInstance) {
  const { ctx } = app;
  /** A document with its case, refused with 404 to readers outside the case when it is a draft. */
  const readable = async (
    actor: Actor,
    id: string,
  ): Promise<{ doc: RegistryDocument; c: Case; full: boolean }> => {
    const doc = await getDocument(ctx, id);
    const c = await getCase(ctx, doc.caseId);
    const full = seesCaseInFull(actor, c);
    if (doc.status === "draft" && !full) throw new NotFoundError();
    return { doc, c, full };
  };

  apiRoute(app, {
    method: "GET",
    path: "/cases/:id/documents",
    summary: "The documents of a case, by date",
    tag: "registry",
    access: (req) => requireCan(req, "case.view"),
    params: idParams,
    query: z.strictObject({}),
    response: z.object({ items: z.array(documentSchema), nextCursor: z.null() }),
    handler: async (req, { params }) => {
      const full = seesCaseInFull(req.actor, await getCase(ctx, params.id));
      const docs = documentsAsListed(await getCaseDocuments(ctx, params.id), full);
      return { items: await Promise.all(docs.map((d) => asJson(ctx, d, full))), nextCursor: null };
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/cases/:id/documents",
    summary:
      "Register a document; multipart/form-data with the fields and one `file`, or JSON without a file",
    tag: "registry",
    // Bound to the case's unit: checked against the case once it is loaded (404 for an unknown case).
    access: (req) => requireUser(req),
    params: idParams,
    body: documentInputSchema,
    bodyCheckedBy: "service",
    acceptsUpload: true,
    response: documentSchema,
    status: 201,
    handler: async (req, { params }) => {
      const actor = requireUser(req);
      requireCaseWrite(actor, "document.create", await getCase(ctx, params.id));
      const { fields, file } = req.isMultipart()
        ? readMultipart(req)
        : { fields: (req.body ?? {}) as Record<string, string>, file: null };
      const doc = await registerDocument(ctx, actor, params.id, fields, file);
      return asJson(ctx, doc, true);
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/documents/:id/sign-off",
    summary:
      "Sign off an incoming document (avskrivning): answered (with the reply's reference), noted, or handled in another case",
    tag: "registry",
    // Bound to the case's unit and officer: checked once the document and its case are loaded.
    access: (req) => requireUser(req),
    params: idParams,
    body: signOffSchema,
    bodyCheckedBy: "service",
    response: documentSchema,
    handler: async (req, { params }) => {
      const actor = requireUser(req);
      const doc = await getDocument(ctx, params.id);
      requireCaseWrite(actor, "document.sign_off", await getCase(ctx, doc.caseId), doc);
      const body = (req.body ?? {}) as { kind?: unknown; reference?: unknown };
      return asJson(ctx, await signOff(ctx, actor, params.id, body), true);
    },
  });

  apiRoute(app, {
    method: "GET",
    path: "/documents/:id",
    summary: "One document with its file versions",
    tag: "registry",
    access: (req) => requireCan(req, "case.view"),
    params: idParams,
    query: z.strictObject({}),
    response: documentSchema,
    handler: async (req, { params }) => {
      const { doc, full } = await readable(req.actor, params.id);
      return asJson(ctx, doc, full);
    },
  });

  apiFileRoute(app, {
    path: "/documents/:id/file",
    summary:
      "The latest file version of a document, verified against its SHA-256 (sent as x-sha256); 410 when it was disposed of",
    tag: "registry",
    params: idParams,
    handler: async (req, reply) => {
      const actor = requireCan(req, "case.view");
      const { doc, full } = await readable(actor, (req.params as { id: string }).id);
      if (documentRestricted(doc, full)) throw new NotFoundError();
      const file = (await getDocumentFiles(ctx, doc.id)).at(-1);
      if (!file) throw new NotFoundError();
      if (file.disposed_at) return sendDisposedFile(req, reply, doc.id, await disposalOfFile(ctx, file));
      return sendStoredFile(ctx, reply, file);
    },
  });
}
