import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import { apiRoute } from "../../platform/http/api-route.ts";
import { nameApiSchemas } from "../../platform/http/openapi.ts";
import { POLITICAL_LEVELS } from "../engagements.model.ts";
import {
  assessmentSchema,
  LETTER_KINDS,
  outcomeSchema,
  VISIT_OUTCOMES,
  VISIT_STATUSES,
  visitRequestSchema,
} from "./visits.model.ts";
import {
  assessVisitRequest,
  decideVisitRequest,
  getVisitRequest,
  listVisitRequests,
  receiveVisitRequest,
} from "./visits.service.ts";

const flag = z.boolean();
const visitSchema = z.object({
  id: z.string(),
  receivedVia: z.enum(["public", "officer"]),
  organisation: z.string(),
  country: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  visitFrom: z.string(),
  visitTo: z.string(),
  participants: z.number(),
  purpose: z.string(),
  politicalLevel: z.enum(POLITICAL_LEVELS),
  unitIds: z.array(z.string()),
  routing: z.object({
    coordinator: z.enum(["KS", "UNIT"]),
    unitId: z.string().nullable(),
    rule: z.enum(["ks_significant_visit", "unit_visit"]),
  }),
  status: z.enum(VISIT_STATUSES),
  checklist: z
    .object({
      mutualLearning: flag,
      newPerspectives: flag,
      serviceDevelopment: flag,
      raisedCompetence: flag,
      cityImage: flag,
      residentTies: flag,
    })
    .nullable(),
  assessmentNote: z.string().nullable(),
  prioritised: z.boolean().nullable(),
  outcome: z.enum(VISIT_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  referredTo: z.string().nullable(),
  letterKind: z.enum(LETTER_KINDS).nullable(),
  letterDocumentId: z.string().nullable(),
  engagementId: z.string().nullable(),
  receivedAt: z.string(),
});
nameApiSchemas({ VisitRequest: visitSchema });
const idParams = z.strictObject({ id: z.string().max(100) });

export async function visitsApi(app: FastifyInstance) {
  const { ctx } = app;
  const tag = "engagement follow-up";

  apiRoute(app, {
    method: "GET",
    path: "/visit-requests",
    summary: "Visit requests, newest first, with their routing, assessment and outcome",
    tag,
    access: (req) => requireCan(req, "followup.view"),
    response: z.object({ items: z.array(visitSchema) }),
    handler: async () => ({ items: await listVisitRequests(ctx) }),
  });

  apiRoute(app, {
    method: "POST",
    path: "/visit-requests",
    summary: "Record a visit request that came by other means; routed to KS or the unit concerned",
    tag,
    access: (req) => requireCan(req, "visit_request.handle"),
    body: visitRequestSchema,
    bodyCheckedBy: "service",
    response: visitSchema,
    status: 201,
    handler: async (req, { body }) => receiveVisitRequest(ctx, requireCan(req, "visit_request.handle"), body),
  });

  apiRoute(app, {
    method: "GET",
    path: "/visit-requests/:id",
    summary: "A visit request",
    tag,
    access: (req) => requireCan(req, "followup.view"),
    params: idParams,
    response: visitSchema,
    handler: async (_req, { params }) => getVisitRequest(ctx, params.id),
  });

  apiRoute(app, {
    method: "POST",
    path: "/visit-requests/:id/assessment",
    summary: "Assess a visit request against the strategy's checklist (until it is decided)",
    tag,
    access: (req) => requireCan(req, "visit_request.handle"),
    params: idParams,
    body: assessmentSchema,
    bodyCheckedBy: "service",
    response: visitSchema,
    handler: async (req, { params, body }) =>
      assessVisitRequest(ctx, requireCan(req, "visit_request.handle"), params.id, body),
  });

  apiRoute(app, {
    method: "POST",
    path: "/visit-requests/:id/decision",
    summary:
      "Accept (becomes an engagement of type visit), decline or refer an assessed request; the letter is registered as an outgoing document",
    tag,
    access: (req) => requireCan(req, "visit_request.handle"),
    params: idParams,
    body: outcomeSchema,
    bodyCheckedBy: "service",
    response: visitSchema,
    handler: async (req, { params, body }) =>
      decideVisitRequest(ctx, requireCan(req, "visit_request.handle"), params.id, body),
  });
}
