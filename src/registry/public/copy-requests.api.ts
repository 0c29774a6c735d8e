import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import { apiRoute } from "../../platform/http/api-route.ts";
import { readMultipart } from "../../platform/http/multipart.ts";
import { nameApiSchemas } from "../../platform/http/openapi.ts";
import { decideCopyRequest } from "./copy-decision.service.ts";
import { DELIVERIES, OUTCOMES, REQUEST_FILTERS } from "./copy-requests.model.ts";
import { type CopyRequestView, copyRequestDetail, copyRequestList } from "./copy-requests.service.ts";

const copyRequestOut = z.object({
  id: z.string(),
  receivedAt: z.string(),
  requesterName: z.string().nullable(),
  delivery: z.string(),
  email: z.string().nullable(),
  postalAddress: z.string().nullable(),
  message: z.string().nullable(),
  /** The request's own diary number: it is registered as an incoming document of its own case. */
  requestNumber: z.string().nullable(),
  document: z.object({ id: z.string(), description: z.string(), secrecyProvision: z.string().nullable() }),
  case: z.object({ id: z.string(), diaryNumber: z.string() }),
  status: z.enum(["new", "handled"]),
  outcome: z.enum(OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  provision: z.string().nullable(),
  deliveredBy: z.enum(DELIVERIES).nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decisionDocumentId: z.string().nullable(),
  handlingTime: z.object({ days: z.number(), hours: z.number() }),
});
nameApiSchemas({ CopyRequest: copyRequestOut });

const asApi = (r: CopyRequestView): z.output<typeof copyRequestOut> => ({
  id: r.id,
  receivedAt: r.received_at,
  requesterName: r.requester_name,
  delivery: r.delivery,
  email: r.email,
  postalAddress: r.postal_address,
  message: r.message,
  requestNumber: r.request_number,
  document: { id: r.document_id, description: r.description, secrecyProvision: r.secrecy_provision },
  case: { id: r.case_id, diaryNumber: r.diary_number },
  status: r.status,
  outcome: r.outcome,
  outcomeNote: r.outcome_note,
  provision: r.provision,
  deliveredBy: r.delivered_by,
  decidedAt: r.handled_at,
  decidedBy: r.handled_by_name,
  decisionDocumentId: r.decision_document_id,
  handlingTime: r.handlingTime,
});

const idParams = z.strictObject({ id: z.string().max(100) });

/** Requests for official documents (R12) over the API: the list, one request, its decision. */
export async function copyRequestsApi(app: FastifyInstance) {
  const { ctx } = app;
  const tag = "copy requests";
  const handler = (req: Parameters<typeof requireCan>[0]) => requireCan(req, "copy_request.handle");

  apiRoute(app, {
    method: "GET",
    path: "/copy-requests",
    summary: "Requests for official documents, oldest first: those waiting (default), those decided, or all",
    tag,
    access: handler,
    query: z.strictObject({ status: z.enum(REQUEST_FILTERS).default("new") }),
    response: z.object({ items: z.array(copyRequestOut) }),
    handler: async (req, { query }) => ({
      items: (await copyRequestList(ctx, handler(req), query.status === "all" ? null : query.status)).map(
        asApi,
      ),
    }),
  });

  apiRoute(app, {
    method: "GET",
    path: "/copy-requests/:id",
    summary: "One request for an official document, with its decision once decided",
    tag,
    access: handler,
    params: idParams,
    response: copyRequestOut,
    handler: async (req, { params }) =>
      asApi((await copyRequestDetail(ctx, handler(req), params.id)).request),
  });

  apiRoute(app, {
    method: "POST",
    path: "/copy-requests/:id/decision",
    summary:
      "Decide a request as the page does: released (sent), partly released with masking, or refused with its OSL provision; the decision letter is registered with the request and e-mailed to the requester when an address was given. JSON, or multipart/form-data with the fields and a `maskedCopy` file (needed to send a partial release by e-mail)",
    tag,
    access: handler,
    params: idParams,
    body: z.object({
      outcome: z.enum(OUTCOMES),
      deliveredBy: z.enum(DELIVERIES).optional(),
      provision: z.string().optional(),
      note: z.string().optional(),
    }),
    bodyCheckedBy: "service",
    acceptsUpload: true,
    response: copyRequestOut,
    handler: async (req, { params, body }) => {
      const actor = handler(req);
      const { fields, file } = req.isMultipart()
        ? readMultipart(req, "maskedCopy")
        : { fields: body, file: null };
      await decideCopyRequest(ctx, actor, params.id, fields, file);
      return asApi((await copyRequestDetail(ctx, actor, params.id)).request);
    },
  });
}
