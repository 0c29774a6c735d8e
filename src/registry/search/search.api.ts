import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import { apiRoute } from "../../platform/http/api-route.ts";
import { nameApiSchemas } from "../../platform/http/openapi.ts";
import { CASE_STATUSES } from "../cases.model.ts";
import { searchInputSchema, searchRegister } from "./search.service.ts";

const hitSchema = z.object({
  caseId: z.string(),
  diaryNumber: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  unitId: z.string(),
  openedOn: z.string(),
  snippet: z.array(z.object({ text: z.string(), match: z.boolean() })),
});
export const searchResponse = z.object({
  items: z.array(hitSchema),
  nextCursor: z.string().nullable(),
  order: z.enum(["relevance", "newest"]),
});
nameApiSchemas({ SearchHit: hitSchema, SearchResults: searchResponse });

export async function searchApi(app: FastifyInstance) {
  const { ctx } = app;
  apiRoute(app, {
    method: "GET",
    path: "/search",
    summary:
      "Search the register: ranked by relevance, or newest first when the words occur in very many cases (see `order`)",
    tag: "registry",
    access: (req) => requireCan(req, "case.view"),
    query: searchInputSchema.strict(),
    response: searchResponse,
    handler: (req, { query }) => searchRegister(ctx, req.actor, query),
  });
  apiRoute(app, {
    method: "GET",
    path: "/public/search",
    summary:
      "Search the public register (no token): public titles only, no drafts, personal identity numbers masked",
    tag: "public",
    access: "public",
    query: searchInputSchema.strict(),
    response: searchResponse,
    handler: (_req, { query }) => searchRegister(ctx, null, query),
  });
}
