import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { apiRoute, listQuery, listResponse } from "../platform/http/api-route.ts";
import { cursorKey, pageOf } from "../platform/http/cursor.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import { UNIT_TYPES, unitInputSchema } from "./units.model.ts";
import { getUnit, updateUnit } from "./units.service.ts";
import { toUnit, unitPage } from "./units.store.ts";

const unitSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(UNIT_TYPES),
  parentId: z.string().nullable(),
  email: z.string().nullable(),
  functionalMailbox: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  visitingAddress: z.string().nullable(),
  web: z.string().nullable(),
});
nameApiSchemas({ Unit: unitSchema });
const cursorSchema = z.object({ name: z.string(), id: z.string() });
const idParams = z.strictObject({ id: z.string().max(100) });

export async function unitsApi(app: FastifyInstance) {
  const { ctx } = app;

  apiRoute(app, {
    method: "GET",
    path: "/units",
    summary: "Units of the organisation, by name",
    tag: "organisation",
    access: (req) => requireCan(req, "unit.view"),
    query: z.strictObject({
      ...listQuery,
      type: z.enum(UNIT_TYPES).optional(),
      parentId: z.string().max(100).optional(),
    }),
    response: listResponse(unitSchema),
    handler: async (_req, { query }) => {
      const after = cursorKey(query.cursor, cursorSchema);
      const rows = await unitPage(ctx.db, {
        tenantId: ctx.config.tenantId,
        type: query.type,
        parentId: query.parentId,
        after,
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit, (u) => ({ name: u.name, id: u.id }));
      return { items: items.map(toUnit), nextCursor };
    },
  });

  apiRoute(app, {
    method: "GET",
    path: "/units/:id",
    summary: "One unit",
    tag: "organisation",
    access: (req) => requireCan(req, "unit.view"),
    params: idParams,
    query: z.strictObject({}),
    response: unitSchema,
    handler: async (_req, { params }) => getUnit(ctx, params.id),
  });

  apiRoute(app, {
    method: "PUT",
    path: "/units/:id",
    summary: "Change a unit (admin); the body replaces every editable field",
    tag: "organisation",
    access: (req) => requireCan(req, "unit.edit"),
    params: idParams,
    body: unitInputSchema,
    bodyCheckedBy: "service",
    response: unitSchema,
    handler: async (req, { params, body }) => updateUnit(ctx, requireCan(req, "unit.edit"), params.id, body),
  });
}
