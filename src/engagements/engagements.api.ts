import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import { apiRoute, listQuery, listResponse } from "../platform/http/api-route.ts";
import { cursorKey, pageOf } from "../platform/http/cursor.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import type { Translate } from "../platform/i18n/index.ts";
import { costsByYear } from "./costs.ts";
import { recordDecision } from "./decisions.service.ts";
import { assessEngagement, assessStored, type EngagementAssessment } from "./engagement-checks.ts";
import {
  COUNTERPART_KINDS,
  DECIDING_BODIES,
  DECISION_OUTCOMES,
  DIRECTIONS,
  decisionInputSchema,
  ENGAGEMENT_STATUSES,
  type Engagement,
  type EngagementDetails,
  engagementInputSchema,
  engagementPatchSchema,
  FINANCING_SOURCES,
  MATERIAL_FACTS,
  ON_BEHALF_OF,
  POLITICAL_LEVELS,
  SCOPES,
  STORED_ENGAGEMENT_TYPES,
} from "./engagements.model.ts";
import {
  getEngagement,
  listEngagements,
  registerEngagement,
  updateEngagement,
} from "./engagements.service.ts";
import { PRINCIPLES, type PrincipleFinding } from "./principles.ts";
import { ROUTING_RULES } from "./routing.ts";

const findingSchema = z.object({
  principle: z.enum(PRINCIPLES).nullable(),
  field: z.string(),
  message: z.string(),
});
const routingSchema = {
  decidedBy: z.object({ body: z.enum(DECIDING_BODIES), unitId: z.string().nullable() }),
  /** Which row of the decision table (domain.md §6) applies. */
  rule: z.enum(ROUTING_RULES),
  reason: z.string(),
};
const assessmentSchema = z.object({
  errors: z.array(findingSchema),
  warnings: z.array(findingSchema),
  ...routingSchema,
  derived: z.object({
    reviewDate: z.string().nullable(),
    externalSharePercent: z.number(),
    citySharePercent: z.number(),
  }),
});

const engagementSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  type: z.enum(STORED_ENGAGEMENT_TYPES),
  title: z.string(),
  unitId: z.string(),
  officerId: z.string(),
  scope: z.enum(SCOPES),
  unitsAffected: z.number(),
  politicalLevel: z.enum(POLITICAL_LEVELS),
  addsResourceBurden: z.boolean(),
  onBehalfOf: z.enum(ON_BEHALF_OF),
  touchesStateRelations: z.boolean(),
  directions: z.array(z.enum(DIRECTIONS)),
  purpose: z.string(),
  mutualBenefit: z.string().nullable(),
  theme: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  cost: z.number().nullable(),
  prioritised: z.boolean(),
  /** Never on the public page or in its open data. */
  secret: z.boolean(),
  status: z.enum(ENGAGEMENT_STATUSES),
  reviewDate: z.string().nullable(),
  lastReviewedOn: z.string().nullable(),
  decidingBody: z.enum(DECIDING_BODIES),
  decidingUnitId: z.string().nullable(),
  routingRule: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const detailsSchema = engagementSchema.extend({
  counterparts: z.array(z.object({ kind: z.enum(COUNTERPART_KINDS), name: z.string(), country: z.string() })),
  financing: z.array(
    z.object({ source: z.enum(FINANCING_SOURCES), funder: z.string().nullable(), sharePercent: z.number() }),
  ),
  /** The cost split by hand per year; empty when the total is spread over the period. */
  yearCosts: z.array(z.object({ year: z.number(), amount: z.number() })),
  /** The units ticked as affected; `unitsAffected` is their count when there are any. */
  affectedUnitIds: z.array(z.string()),
  /** Each year's cost as the annual report and the public page count it. */
  costByYear: z.array(
    z.object({ year: z.number(), total: z.number(), city: z.number(), external: z.number() }),
  ),
  /** Changes after approval that sent the engagement back to proposed, with their reason. */
  changes: z.array(
    z.object({
      changed: z.array(z.enum(MATERIAL_FACTS)),
      reason: z.string(),
      statusBefore: z.enum(ENGAGEMENT_STATUSES),
      statusAfter: z.enum(ENGAGEMENT_STATUSES),
      changedBy: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  decisions: z.array(
    z.object({
      id: z.string(),
      engagementId: z.string(),
      body: z.enum(DECIDING_BODIES),
      unitId: z.string().nullable(),
      decidedOn: z.string(),
      minutesParagraph: z.string(),
      outcome: z.enum(DECISION_OUTCOMES),
      conditions: z.string().nullable(),
      documentId: z.string(),
      createdAt: z.string(),
    }),
  ),
  /** The principles' warnings as they stand today (a review fallen due, P1 advice). */
  warnings: z.array(findingSchema),
  ...routingSchema,
});
nameApiSchemas({
  PrincipleFinding: findingSchema,
  EngagementAssessment: assessmentSchema,
  Engagement: engagementSchema,
  EngagementDetails: detailsSchema,
});
const cursorSchema = z.object({ createdAt: z.string(), id: z.string() });

const findings = (t: Translate, fs: PrincipleFinding[]) =>
  fs.map((f) => ({ principle: f.principle, field: f.field, message: t(f.message, f.params) }));
const routingJson = (t: Translate, a: EngagementAssessment) => ({
  decidedBy: { body: a.routing.body, unitId: a.routing.unitId },
  rule: a.routing.rule,
  reason: t(a.routing.reason),
});
const assessmentJson = (t: Translate, a: EngagementAssessment) => ({
  errors: findings(t, a.errors),
  warnings: findings(t, a.warnings),
  ...routingJson(t, a),
  derived: a.derived,
});
const detailsJson = (t: Translate, e: EngagementDetails, a: EngagementAssessment, thisYear: number) => ({
  ...e,
  costByYear: costsByYear(e, thisYear),
  warnings: findings(t, a.warnings),
  ...routingJson(t, a),
});
const plain = (e: Engagement) => e;

export async function engagementsApi(app: FastifyInstance) {
  const { ctx } = app;
  const thisYear = () => Number(stockholmDate(ctx.clock.now()).slice(0, 4));

  apiRoute(app, {
    method: "POST",
    path: "/engagements/assess",
    summary:
      "Dry run: the strategy's principles (P1–P6) and who decides (domain.md §6) for an engagement, nothing saved",
    tag: "engagement",
    access: (req) => requireCan(req, "engagement.view"),
    body: engagementInputSchema,
    response: assessmentSchema,
    handler: async (req, { body }) => assessmentJson(req.t, assessEngagement(ctx, body)),
  });

  apiRoute(app, {
    method: "GET",
    path: "/engagements",
    summary:
      "Engagements, most recently registered first; filter by type, unit, status or a year they run in",
    tag: "engagement",
    access: (req) => requireCan(req, "engagement.view"),
    query: z.strictObject({
      ...listQuery,
      type: z.enum(STORED_ENGAGEMENT_TYPES).optional(),
      unitId: z.string().max(100).optional(),
      status: z.enum(ENGAGEMENT_STATUSES).optional(),
      year: z.coerce.number().int().min(1900).max(2200).optional(),
    }),
    response: listResponse(engagementSchema),
    handler: async (_req, { query }) => {
      const after = cursorKey(query.cursor, cursorSchema);
      const rows = await listEngagements(ctx, {
        type: query.type,
        unitId: query.unitId,
        status: query.status,
        year: query.year,
        after,
        limit: query.limit + 1,
      });
      const { items, nextCursor } = pageOf(rows, query.limit, (e) => ({ createdAt: e.createdAt, id: e.id }));
      return { items: items.map(plain), nextCursor };
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/engagements",
    summary:
      "Register an engagement in a new case (registryId, classId) or an existing one (caseDiaryNumber); 422 with every error, principles included",
    tag: "engagement",
    access: (req) => requireCan(req, "engagement.manage"),
    body: engagementInputSchema,
    bodyCheckedBy: "service",
    response: detailsSchema,
    status: 201,
    handler: async (req, { body }) => {
      const actor = requireCan(req, "engagement.manage");
      const { engagement, assessment } = await registerEngagement(ctx, actor, body);
      return detailsJson(req.t, engagement, assessment, thisYear());
    },
  });

  apiRoute(app, {
    method: "GET",
    path: "/engagements/:id",
    summary: "An engagement with its counterparts, financing, decisions, warnings and who decides",
    tag: "engagement",
    access: (req) => requireCan(req, "engagement.view"),
    params: z.strictObject({ id: z.string().max(100) }),
    response: detailsSchema,
    handler: async (req, { params }) => {
      const e = await getEngagement(ctx, params.id);
      return detailsJson(req.t, e, assessStored(ctx, e), thisYear());
    },
  });

  apiRoute(app, {
    method: "PATCH",
    path: "/engagements/:id",
    summary: "Change an engagement's facts (checked again as a whole) or end an approved one",
    tag: "engagement",
    access: (req) => requireCan(req, "engagement.manage"),
    params: z.strictObject({ id: z.string().max(100) }),
    body: engagementPatchSchema,
    bodyCheckedBy: "service",
    response: detailsSchema,
    handler: async (req, { params, body }) => {
      const actor = requireCan(req, "engagement.manage");
      const { engagement, assessment } = await updateEngagement(ctx, actor, params.id, body);
      return detailsJson(req.t, engagement, assessment, thisYear());
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/engagements/:id/decision",
    summary:
      "Record a decision (body, date, paragraph, outcome, conditions), registered as a document in the case",
    tag: "engagement",
    access: (req) => requireCan(req, "engagement.decide"),
    params: z.strictObject({ id: z.string().max(100) }),
    body: decisionInputSchema,
    bodyCheckedBy: "service",
    response: detailsSchema,
    status: 201,
    handler: async (req, { params, body }) => {
      const actor = requireCan(req, "engagement.decide");
      const e = await recordDecision(ctx, actor, params.id, body);
      return detailsJson(req.t, e, assessStored(ctx, e), thisYear());
    },
  });
}
