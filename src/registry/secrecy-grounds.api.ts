import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan, requireUser } from "../auth/index.ts";
import { apiRoute } from "../platform/http/api-route.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import { labelOf, provisionInputSchema, type SecrecyGround } from "./secrecy-grounds.model.ts";
import { addSecrecyGround, getSecrecyGrounds, setSecrecyGroundInUse } from "./secrecy-grounds.service.ts";

const groundSchema = z.object({
  id: z.string(),
  chapter: z.number(),
  section: z.string(),
  paragraph: z.string().nullable(),
  /** What a document's `secrecyProvision` holds once marked, and what the e-archive export carries. */
  citation: z.string(),
  name: z.string(),
  label: z.string(),
  /** When it was retired (no longer offered for new markings); null while in use. */
  retiredAt: z.string().nullable(),
});
nameApiSchemas({ SecrecyGround: groundSchema });
const idParams = z.strictObject({ id: z.string().max(100) });

const asJson = (g: SecrecyGround) => ({ ...g, label: labelOf(g) });

/** The list of secrecy grounds (issue 14): every signed-in user reads it; admins keep it. */
export async function secrecyGroundsApi(app: FastifyInstance) {
  const { ctx } = app;

  apiRoute(app, {
    method: "GET",
    path: "/secrecy-grounds",
    summary: "The OSL provisions a document's secrecy marking is chosen from, in the order of the act",
    tag: "registry",
    access: requireUser,
    query: z.strictObject({}),
    response: z.object({ items: z.array(groundSchema), nextCursor: z.null() }),
    handler: async () => ({ items: (await getSecrecyGrounds(ctx)).map(asJson), nextCursor: null }),
  });

  apiRoute(app, {
    method: "POST",
    path: "/secrecy-grounds",
    summary: "Add a provision to the list (admin); one already on it is refused with 422",
    tag: "registry",
    access: (req) => requireCan(req, "registry.configure"),
    body: provisionInputSchema,
    bodyCheckedBy: "service",
    response: groundSchema,
    status: 201,
    handler: async (req, { body }) =>
      asJson(await addSecrecyGround(ctx, requireCan(req, "registry.configure"), body)),
  });

  for (const action of ["retire", "reinstate"] as const) {
    apiRoute(app, {
      method: "POST",
      path: `/secrecy-grounds/:id/${action}`,
      summary:
        action === "retire"
          ? "Retire a ground (admin): no longer offered; documents marked with it keep it"
          : "Take a retired ground back in use (admin)",
      tag: "registry",
      access: (req) => requireCan(req, "registry.configure"),
      params: idParams,
      response: groundSchema,
      handler: async (req, { params }) =>
        asJson(
          await setSecrecyGroundInUse(
            ctx,
            requireCan(req, "registry.configure"),
            params.id,
            action === "reinstate",
          ),
        ),
    });
  }
}
