import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { apiRoute } from "../../platform/http/api-route.ts";
import { nameApiSchemas } from "../../platform/http/openapi.ts";
import { CASE_STATUSES } from "../cases.model.ts";
import { DIRECTIONS } from "../documents.model.ts";
import { publicCaseByDiaryNumber } from "./public-register.service.ts";

const publicCaseSchema = z.object({
  id: z.string(),
  diaryNumber: z.string(),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  unitId: z.string(),
  registryId: z.string(),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  parties: z.array(z.string()),
  documents: z.array(
    z.object({
      id: z.string(),
      direction: z.enum(DIRECTIONS),
      date: z.string(),
      description: z.string(),
      party: z.string().nullable(),
      secret: z.boolean(),
    }),
  ),
});
nameApiSchemas({ PublicCase: publicCaseSchema });

export async function publicApi(app: FastifyInstance) {
  const { ctx } = app;
  apiRoute(app, {
    method: "GET",
    path: "/public/cases/:diaryNumber",
    summary:
      "A case in the public register by its diary number, URL-encoded (KS%20171-482%2F2016); no token needed",
    tag: "public",
    access: "public",
    params: z.strictObject({ diaryNumber: z.string().max(200) }),
    response: publicCaseSchema,
    handler: (_req, { params }) => publicCaseByDiaryNumber(ctx, params.diaryNumber),
  });
}
