import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { apiRoute } from "../platform/http/api-route.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import {
  caseDecisions,
  delegationList,
  recordDelegationDecision,
  recordMeetingDecision,
} from "./decisions.service.ts";
import {
  agendaItemInputSchema,
  BODIES,
  decisionInputSchema,
  delegationInputSchema,
  meetingInputSchema,
  OUTCOMES,
  postingInputSchema,
} from "./meetings.model.ts";
import {
  addAgendaItem,
  agendaOfMeeting,
  createMeeting,
  getMeeting,
  meetingList,
  postMinutes,
} from "./meetings.service.ts";

const id = z.strictObject({ id: z.string().max(100) });
const meetingOut = z.object({
  id: z.string(),
  body: z.enum(BODIES),
  unitId: z.string().nullable(),
  meetingDate: z.string(),
  place: z.string(),
  postedOn: z.string().nullable(),
});
const agendaItemOut = z.object({
  id: z.string(),
  meetingId: z.string().nullable(),
  caseId: z.string(),
  diaryNumber: z.string(),
  documentId: z.string(),
  title: z.string(),
  position: z.number(),
  decisionId: z.string().nullable(),
});
const decisionOut = z.object({
  id: z.string(),
  body: z.enum(BODIES),
  unitId: z.string().nullable(),
  meetingId: z.string().nullable(),
  meetingDate: z.string().nullable(),
  decidedOn: z.string(),
  paragraph: z.number(),
  outcome: z.enum(OUTCOMES),
  text: z.string(),
  proposesTo: z.enum(BODIES).nullable(),
  extractDocumentId: z.string(),
  postedOn: z.string().nullable(),
});
const meetingWithAgenda = meetingOut.extend({ agenda: z.array(agendaItemOut) });
nameApiSchemas({
  Meeting: meetingOut,
  MeetingWithAgenda: meetingWithAgenda,
  AgendaItem: agendaItemOut,
  MeetingDecision: decisionOut,
});

const withAgenda = async (ctx: FastifyInstance["ctx"], meetingId: string) => ({
  ...(await getMeeting(ctx, meetingId)),
  agenda: await agendaOfMeeting(ctx, meetingId),
});

/** Meetings, agendas and decisions in /api/v1 (issue 19, item 7). */
export async function meetingsApi(app: FastifyInstance) {
  const { ctx } = app;
  const tag = "meetings";

  apiRoute(app, {
    method: "GET",
    path: "/meetings",
    summary: "The bodies' meetings, latest first",
    tag,
    access: (req) => requireCan(req, "case.view"),
    response: z.object({ items: z.array(meetingOut) }),
    handler: async () => ({ items: await meetingList(ctx) }),
  });

  apiRoute(app, {
    method: "POST",
    path: "/meetings",
    summary: "Create a meeting of a body; proposals waiting for the body go on its agenda",
    tag,
    access: (req) => requireCan(req, "meeting.manage"),
    body: meetingInputSchema,
    bodyCheckedBy: "service",
    response: meetingWithAgenda,
    status: 201,
    handler: async (req, { body }) => {
      const m = await createMeeting(ctx, requireCan(req, "meeting.manage"), body);
      return withAgenda(ctx, m.id);
    },
  });

  apiRoute(app, {
    method: "GET",
    path: "/meetings/:id",
    summary: "A meeting with its agenda",
    tag,
    access: (req) => requireCan(req, "case.view"),
    params: id,
    response: meetingWithAgenda,
    handler: async (_req, { params }) => withAgenda(ctx, params.id),
  });

  apiRoute(app, {
    method: "POST",
    path: "/meetings/:id/agenda-items",
    summary:
      "Put a case on the meeting's agenda with its underlag, the registered document of an approved officer's report of the case",
    tag,
    access: (req) => requireCan(req, "meeting.manage"),
    params: id,
    body: agendaItemInputSchema,
    bodyCheckedBy: "service",
    response: agendaItemOut,
    status: 201,
    handler: async (req, { params, body }) =>
      addAgendaItem(ctx, requireCan(req, "meeting.manage"), params.id, body),
  });

  apiRoute(app, {
    method: "POST",
    path: "/meetings/:id/posting",
    summary: "Record that the justerade minutes were posted on the notice board: the appeal period starts",
    tag,
    access: (req) => requireCan(req, "meeting.manage"),
    params: id,
    body: postingInputSchema,
    bodyCheckedBy: "service",
    response: meetingOut,
    handler: async (req, { params, body }) =>
      postMinutes(ctx, requireCan(req, "meeting.manage"), params.id, body),
  });

  apiRoute(app, {
    method: "POST",
    path: "/agenda-items/:id/decision",
    summary: "Record the meeting's decision on an agenda item; its minutes extract is registered in the case",
    tag,
    access: (req) => requireCan(req, "meeting.manage"),
    params: id,
    body: decisionInputSchema,
    bodyCheckedBy: "service",
    response: decisionOut,
    status: 201,
    handler: async (req, { params, body }) =>
      recordMeetingDecision(ctx, requireCan(req, "meeting.manage"), params.id, body),
  });

  apiRoute(app, {
    method: "POST",
    path: "/delegation-decisions",
    summary: "Record a delegation decision (a unit or the finance commissioner deciding alone)",
    tag,
    access: (req) => requireCan(req, "meeting.manage"),
    body: delegationInputSchema,
    bodyCheckedBy: "service",
    response: decisionOut,
    status: 201,
    handler: async (req, { body }) => recordDelegationDecision(ctx, requireCan(req, "meeting.manage"), body),
  });

  apiRoute(app, {
    method: "GET",
    path: "/delegation-decisions",
    summary: "A body's delegation decisions in a period: the list reported to the body",
    tag,
    access: (req) => requireCan(req, "case.view"),
    query: z.strictObject({
      body: z.enum(BODIES),
      unitId: z.string().max(100).optional(),
      from: z.iso.date(),
      to: z.iso.date(),
    }),
    response: z.object({ items: z.array(decisionOut) }),
    handler: async (_req, { query }) => ({
      items: await delegationList(ctx, { ...query, unitId: query.unitId ?? null }),
    }),
  });

  apiRoute(app, {
    method: "GET",
    path: "/cases/:id/decisions",
    summary:
      "A case's decisions in chain order (e.g. KS's proposal, then KF's decision), with their extracts",
    tag,
    access: (req) => requireCan(req, "case.view"),
    params: id,
    response: z.object({ items: z.array(decisionOut) }),
    handler: async (_req, { params }) => ({ items: (await caseDecisions(ctx, params.id)).decisions }),
  });
}
