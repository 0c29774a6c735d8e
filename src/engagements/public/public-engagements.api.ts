import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { apiRoute } from "../../platform/http/api-route.ts";
import { nameApiSchemas } from "../../platform/http/openapi.ts";
import {
  COUNTERPART_KINDS,
  DECIDING_BODIES,
  DIRECTIONS,
  STORED_ENGAGEMENT_TYPES,
} from "../engagements.model.ts";
import { matchesFilter, publicFilterSchema } from "./public-engagements.model.ts";
import { publicEngagements } from "./public-engagements.service.ts";

const publicEngagementSchema = z.object({
  id: z.string(),
  type: z.enum(STORED_ENGAGEMENT_TYPES),
  title: z.string(),
  unit: z.object({ id: z.string(), name: z.string() }),
  counterparts: z.array(
    z.object({
      kind: z.enum(COUNTERPART_KINDS),
      name: z.string(),
      country: z.string(),
      countryName: z.string(),
    }),
  ),
  directions: z.array(z.enum(DIRECTIONS)),
  purpose: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  decision: z
    .object({
      body: z.enum(DECIDING_BODIES),
      bodyName: z.string(),
      decidedOn: z.string(),
      minutesParagraph: z.string(),
      /** The reference: the diary number of the engagement's case, in the public register. */
      diaryNumber: z.string(),
    })
    .nullable(),
  /** Whole kronor per year: `total = city + external`, as the annual report counts them. */
  costByYear: z.array(
    z.object({ year: z.number(), total: z.number(), city: z.number(), external: z.number() }),
  ),
});
nameApiSchemas({ PublicEngagement: publicEngagementSchema });

/** The open data of the public page: the same engagements and filter, as JSON (no token). */
export async function publicEngagementsApi(app: FastifyInstance) {
  const { ctx } = app;
  apiRoute(app, {
    method: "GET",
    path: "/public/engagements",
    summary:
      "The city's decided international engagements that are not secret, with their cost per year split into the city's share and external funding; no token needed",
    tag: "public",
    access: "public",
    query: publicFilterSchema,
    response: z.object({ items: z.array(publicEngagementSchema) }),
    handler: async (req, { query }) => ({
      items: (await publicEngagements(ctx, req.t, req.locale)).filter((e) => matchesFilter(e, query)),
    }),
  });
}
