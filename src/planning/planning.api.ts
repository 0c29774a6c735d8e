import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { apiRoute } from "../platform/http/api-route.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import { translator } from "../platform/i18n/index.ts";
import { planSchema, yearSchema } from "./plans.model.ts";
import { plansOfYear, savePlan } from "./plans.service.ts";
import { annualReport } from "./report.service.ts";

const planOut = z.object({
  unitId: z.string(),
  unitName: z.string(),
  year: z.number(),
  plannedWork: z.string(),
  budget: z.number(),
  outcome: z.string().nullable(),
  cost: z.number().nullable(),
});
nameApiSchemas({ Plan: planOut });
const rowOut = z.object({ key: z.string(), label: z.string(), count: z.number(), cost: z.number() });
const itemOut = z.object({ id: z.string(), title: z.string(), unitName: z.string(), date: z.string() });
const yearParams = z.strictObject({ year: yearSchema });

export async function planningApi(app: FastifyInstance) {
  const { ctx } = app;
  const tag = "engagement follow-up";

  apiRoute(app, {
    method: "GET",
    path: "/plans/:year",
    summary: "Every unit's planned international work, budget and follow-up for a year",
    tag,
    access: (req) => requireCan(req, "followup.view"),
    params: yearParams,
    response: z.object({ items: z.array(planOut) }),
    handler: async (_req, { params }) => ({ items: await plansOfYear(ctx, params.year) }),
  });

  apiRoute(app, {
    method: "PUT",
    path: "/plans/:year",
    summary: "Save a unit's plan for the year, with its follow-up when given (one per unit and year)",
    tag,
    access: (req) => requireCan(req, "engagement_plan.manage"),
    params: yearParams,
    body: planSchema,
    bodyCheckedBy: "service",
    response: planOut,
    handler: async (req, { params, body }) =>
      savePlan(ctx, requireCan(req, "engagement_plan.manage"), params.year, body),
  });

  apiRoute(app, {
    method: "GET",
    path: "/reports/engagements/:year",
    summary:
      "The city-wide annual report: counts and costs by direction, type, unit and country; visits, memberships, reviews due, plans",
    tag,
    access: (req) => requireCan(req, "followup.view"),
    params: yearParams,
    response: z.object({
      year: z.number(),
      engagements: z.number(),
      cost: z.number(),
      cityCost: z.number(),
      externalCost: z.number(),
      byDirection: z.array(rowOut),
      byType: z.array(rowOut),
      byUnit: z.array(rowOut),
      byCountry: z.array(rowOut),
      visits: z.array(itemOut),
      memberships: z.array(itemOut),
      reviewsDue: z.array(itemOut),
      plans: z.array(planOut),
    }),
    handler: async (req, { params }) => annualReport(ctx, params.year, req.t ?? translator("sv"), req.locale),
  });
}
