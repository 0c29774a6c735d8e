import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { apiRoute } from "../platform/http/api-route.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import { requireUser } from "./guards.ts";
import { ROLES } from "./roles.ts";

const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.string().nullable(),
  locale: z.enum(["sv", "en"]),
});
nameApiSchemas({ Me: meSchema });

export async function meApi(app: FastifyInstance) {
  apiRoute(app, {
    method: "GET",
    path: "/me",
    summary: "The signed-in user",
    tag: "auth",
    access: requireUser,
    query: z.strictObject({}),
    response: meSchema,
    handler: async (req) => {
      const actor = requireUser(req);
      return {
        id: actor.id,
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
        unitId: actor.unitId,
        locale: req.locale,
      };
    },
  });
}
