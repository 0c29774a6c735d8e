import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { apiRoute } from "../platform/http/api-route.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import { comparisonSchema, WATCH_KINDS, watchItemSchema } from "./monitoring.model.ts";
import { addWatchItem, comparisonsByIndex, listWatchItems, recordComparison } from "./monitoring.service.ts";

const itemSchema = z.object({
  id: z.string(),
  kind: z.enum(WATCH_KINDS),
  title: z.string(),
  summary: z.string(),
  source: z.string().nullable(),
  observedOn: z.string(),
});
const comparisonOut = z.object({
  indexName: z.string(),
  year: z.number(),
  rank: z.number().nullable(),
  value: z.number().nullable(),
  source: z.string().nullable(),
});
nameApiSchemas({ WatchItem: itemSchema, Comparison: comparisonOut });

export async function monitoringApi(app: FastifyInstance) {
  const { ctx } = app;
  const tag = "engagement follow-up";

  apiRoute(app, {
    method: "GET",
    path: "/monitoring/watch-items",
    summary: "External monitoring's watch items (event, trend, research, ranking), latest first",
    tag,
    access: (req) => requireCan(req, "followup.view"),
    response: z.object({ items: z.array(itemSchema) }),
    handler: async () => ({ items: await listWatchItems(ctx) }),
  });

  apiRoute(app, {
    method: "POST",
    path: "/monitoring/watch-items",
    summary: "Note an event, trend, piece of research or ranking",
    tag,
    access: (req) => requireCan(req, "monitoring.manage"),
    body: watchItemSchema,
    bodyCheckedBy: "service",
    response: itemSchema,
    status: 201,
    handler: async (req, { body }) => addWatchItem(ctx, requireCan(req, "monitoring.manage"), body),
  });

  apiRoute(app, {
    method: "GET",
    path: "/monitoring/comparisons",
    summary: "The city's rank and value in each index, year by year",
    tag,
    access: (req) => requireCan(req, "followup.view"),
    response: z.object({ items: z.array(comparisonOut) }),
    handler: async () => ({ items: [...(await comparisonsByIndex(ctx)).values()].flat() }),
  });

  apiRoute(app, {
    method: "POST",
    path: "/monitoring/comparisons",
    summary: "Record the city's rank and/or value in an index for a year (replaces that year's entry)",
    tag,
    access: (req) => requireCan(req, "monitoring.manage"),
    body: comparisonSchema,
    bodyCheckedBy: "service",
    response: comparisonOut,
    status: 201,
    handler: async (req, { body }) => recordComparison(ctx, requireCan(req, "monitoring.manage"), body),
  });
}
