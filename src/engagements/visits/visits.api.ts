import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import { apiRoute } from "../../platform/http/api-route.ts";
import { nameApiSchemas } from "../../platform/http/openapi.ts";
import { POLITICAL_LEVELS } from "../engagements.model.ts";
import {
  assessmentSchema,
  invitationSchema,
  LETTER_KINDS,
  moveSchema,
  officerVisitRequestSchema,
  outcomeSchema,
  VISIT_OUTCOMES,
  VISIT_STATUSES,
  writeOffSchema,
} from "./visits.model.ts";
import {
  assessVisitRequest,
  decideVisitRequest,
  getVisitRequest,
  listVisitRequests,
  moveVisitRequest,
  receiveVisitRequest,
  writeInvitationLetter,
  writeOffVisitRequest,
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
  caseId: z.string().nullable(),
  diaryNumber: z.string().nullable(),
  documentId: z.string().nullable(),
  caseOpened: z.boolean(),
  writtenOff: z.object({ at: z.string(), by: z.string().nullable(), reason: z.string() }).nullable(),
  invitationDocumentId: z.string().nullable(),
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
    summary:
      "Record a visit request that came by other means; routed to KS or the unit concerned, registered as an incoming document (in a new case, or the open case `caseDiaryNumber`), with a receipt to the sender and a notice to the coordinating office",
    tag,
    access: (req) => requireCan(req, "visit_request.handle"),
    body: officerVisitRequestSchema,
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
      "Accept (becomes an engagement of type visit), decline or refer an assessed request; the letter is registered as an outgoing document in the request's case (or `caseDiaryNumber`) and signs the request off; no invitation letter here",
    tag,
    access: (req) => requireCan(req, "visit_request.handle"),
    params: idParams,
    body: outcomeSchema,
    bodyCheckedBy: "service",
    response: visitSchema,
    handler: async (req, { params, body }) =>
      decideVisitRequest(ctx, requireCan(req, "visit_request.handle"), params.id, body),
  });

  apiRoute(app, {
    method: "POST",
    path: "/visit-requests/:id/write-off",
    summary:
      "Write an open request off as junk (avskriven): no letter, a reason; its document stays, signed off as noted; 409 once answered or written off",
    tag,
    access: (req) => requireCan(req, "visit_request.handle"),
    params: idParams,
    body: writeOffSchema,
    bodyCheckedBy: "service",
    response: visitSchema,
    handler: async (req, { params, body }) =>
      writeOffVisitRequest(ctx, requireCan(req, "visit_request.handle"), params.id, body),
  });

  apiRoute(app, {
    method: "POST",
    path: "/visit-requests/:id/case",
    summary:
      "Handle an open request in another existing open case (`caseDiaryNumber`): its document is signed off as handled there, the case opened for it closed if it holds nothing else",
    tag,
    access: (req) => requireCan(req, "visit_request.handle"),
    params: idParams,
    body: moveSchema,
    bodyCheckedBy: "service",
    response: visitSchema,
    handler: async (req, { params, body }) =>
      moveVisitRequest(ctx, requireCan(req, "visit_request.handle"), params.id, body),
  });

  apiRoute(app, {
    method: "POST",
    path: "/visit-requests/:id/invitation-letter",
    summary:
      "Write the invitation letter (P5) of an accepted visit the deciding body has approved, with the participants' names; 409 with every reason before the decision or outside P5",
    tag,
    access: (req) => requireCan(req, "visit_request.handle"),
    params: idParams,
    body: invitationSchema,
    bodyCheckedBy: "service",
    response: visitSchema,
    status: 201,
    handler: async (req, { params, body }) =>
      writeInvitationLetter(ctx, requireCan(req, "visit_request.handle"), params.id, body),
  });
}
