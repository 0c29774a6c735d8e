import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireUser } from "../auth/index.ts";
import { apiRoute } from "../platform/http/api-route.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import type { OfficerReport } from "./reports.model.ts";
import { approveReport, caseReports, createReport, reportFor, saveReport } from "./reports.service.ts";

const idParams = z.strictObject({ id: z.string().max(100) });

/** What a report's body takes; the service checks it with the case's documents and the users. */
const reportInput = z.strictObject({
  title: z.string().max(300),
  addressedTo: z.string().max(200).optional(),
  proposals: z.array(z.string().max(2000)).max(30),
  summary: z.string().max(20000),
  background: z.string().max(20000).optional(),
  preparation: z.string().max(20000).optional(),
  views: z.string().max(20000).optional(),
  attachmentIds: z.array(z.string().max(100)).max(50).optional(),
  signatoryIds: z.array(z.string().max(100)).max(50),
  consultationId: z.string().max(100).optional(),
});

const reportSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  officerId: z.string(),
  version: z.number(),
  status: z.enum(["draft", "approved"]),
  title: z.string(),
  addressedTo: z.string(),
  proposals: z.array(z.string()),
  summary: z.string(),
  background: z.string(),
  preparation: z.string(),
  views: z.string(),
  attachmentIds: z.array(z.string()),
  signatoryIds: z.array(z.string()),
  consultationId: z.string().optional(),
  positions: z
    .object({ title: z.string(), rows: z.array(z.object({ body: z.string(), position: z.string() })) })
    .optional(),
  approvals: z.array(
    z.object({ userId: z.string(), name: z.string(), version: z.number(), approvedAt: z.string() }),
  ),
  approvedVersion: z.number().nullable(),
  documentId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
nameApiSchemas({ OfficerReportInput: reportInput, OfficerReport: reportSchema });

const toJson = (r: OfficerReport): z.input<typeof reportSchema> => {
  const { content, ...rest } = r;
  return { ...rest, ...content };
};

/** Officer's reports: a case's list and new ones, reading, saving a new version, approving. */
export async function reportsApi(app: FastifyInstance) {
  const { ctx } = app;
  const tag = "officer's reports";

  apiRoute(app, {
    method: "GET",
    path: "/cases/:id/reports",
    summary: "A case's officer's reports (tjänsteutlåtanden), oldest first, each at its current version",
    tag,
    access: (req) => requireUser(req),
    params: idParams,
    response: z.object({ items: z.array(reportSchema) }),
    handler: async (req, { params }) => ({
      items: (await caseReports(ctx, requireUser(req), params.id)).reports.map(toJson),
    }),
  });

  apiRoute(app, {
    method: "POST",
    path: "/cases/:id/reports",
    summary: "Write an officer's report of a case (its version 1)",
    tag,
    access: (req) => requireUser(req),
    params: idParams,
    body: reportInput,
    bodyCheckedBy: "service",
    response: reportSchema,
    status: 201,
    handler: async (req, { params, body }) =>
      toJson(await createReport(ctx, requireUser(req), params.id, body)),
  });

  apiRoute(app, {
    method: "GET",
    path: "/reports/:id",
    summary: "An officer's report at its current version, with the approvals of that version",
    tag,
    access: (req) => requireUser(req),
    params: idParams,
    response: reportSchema,
    handler: async (req, { params }) => toJson((await reportFor(ctx, requireUser(req), params.id)).report),
  });

  apiRoute(app, {
    method: "PUT",
    path: "/reports/:id",
    summary:
      "Save a draft report: a changed text becomes the next version and earlier approvals no longer count",
    tag,
    access: (req) => requireUser(req),
    params: idParams,
    body: reportInput,
    bodyCheckedBy: "service",
    response: reportSchema,
    handler: async (req, { params, body }) =>
      toJson(await saveReport(ctx, requireUser(req), params.id, body)),
  });

  apiRoute(app, {
    method: "POST",
    path: "/reports/:id/approve",
    summary:
      "Approve the current version as one of its signatories; the last approval registers it in the case as a Word document",
    tag,
    access: (req) => requireUser(req),
    params: idParams,
    body: z.strictObject({ version: z.number().int().min(1).optional() }),
    response: reportSchema,
    handler: async (req, { params, body }) =>
      toJson(await approveReport(ctx, requireUser(req), params.id, body.version)),
  });
}
