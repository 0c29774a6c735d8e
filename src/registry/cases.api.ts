import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/guards.ts";
import { ValidationError } from "../platform/errors.ts";
import { apiRoute, listQuery, listResponse } from "../platform/http/api-route.ts";
import { decodeCursor, encodeCursor } from "../platform/http/cursor.ts";
import { CASE_STATUSES, caseFieldsSchema, newCaseSchema } from "./cases.model.ts";
import { changeCaseStatus, getCase, getParties, openCase, updateCase } from "./cases.service.ts";
import { casePage, toCase } from "./cases.store.ts";

const caseSchema = z.object({
  id: z.string(),
  diaryNumber: z.string(),
  registryId: z.string(),
  year: z.number(),
  seq: z.number(),
  title: z.string(),
  publicTitle: z.string().nullable(),
  classId: z.string(),
  unitId: z.string(),
  officerId: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
});
const partySchema = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  protectedIdentity: z.boolean(),
});
const caseWithParties = caseSchema.extend({ parties: z.array(partySchema) });
const idParams = z.strictObject({ id: z.string().max(100) });
const cursorSchema = z.object({ openedOn: z.string(), id: z.string() });

export async function casesApi(app: FastifyInstance) {
  const { ctx } = app;
  const withParties = async (id: string) => {
    const c = await getCase(ctx, id);
    return { ...c, parties: await getParties(ctx, id) };
  };

  apiRoute(app, {
    method: "GET",
    path: "/cases",
    summary: "The register of cases, newest first",
    tag: "registry",
    access: (req) => requireCan(req, "case.view"),
    query: z.strictObject({
      ...listQuery,
      registryId: z.string().max(100).optional(),
      unitId: z.string().max(100).optional(),
      status: z.enum(CASE_STATUSES).optional(),
      year: z.coerce.number().int().min(1900).max(2200).optional(),
    }),
    response: listResponse(caseSchema),
    handler: async (_req, { query }) => {
      const before = query.cursor ? decodeCursor(query.cursor, cursorSchema) : undefined;
      if (before === null) throw new ValidationError([{ field: "cursor", message: "validation.cursor" }]);
      const rows = await casePage(ctx.db, {
        tenantId: ctx.config.tenantId,
        ...query,
        before,
        limit: query.limit,
      });
      const page = rows.slice(0, query.limit).map(toCase);
      const last = page.at(-1);
      return {
        items: page,
        nextCursor:
          rows.length > query.limit && last ? encodeCursor({ openedOn: last.openedOn, id: last.id }) : null,
      };
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/cases",
    summary: "Open a case; it gets the next diary number of its registry (or keeps an imported one)",
    tag: "registry",
    access: (req) => requireCan(req, "case.create"),
    body: newCaseSchema,
    bodyCheckedBy: "service",
    response: caseWithParties,
    status: 201,
    handler: async (req, { body }) => {
      const c = await openCase(ctx, requireCan(req, "case.create"), body);
      return withParties(c.id);
    },
  });

  apiRoute(app, {
    method: "GET",
    path: "/cases/:id",
    summary: "One case with its parties",
    tag: "registry",
    access: (req) => requireCan(req, "case.view"),
    params: idParams,
    query: z.strictObject({}),
    response: caseWithParties,
    handler: async (_req, { params }) => withParties(params.id),
  });

  apiRoute(app, {
    method: "PATCH",
    path: "/cases/:id",
    summary: "Change some facts of an open case; fields left out keep their value",
    tag: "registry",
    access: (req) => requireCan(req, "case.edit"),
    params: idParams,
    body: caseFieldsSchema.partial(),
    bodyCheckedBy: "service",
    response: caseWithParties,
    handler: async (req, { params, body }) => {
      const current = await getCase(ctx, params.id);
      const merged = {
        title: current.title,
        publicTitle: current.publicTitle ?? undefined,
        classId: current.classId,
        unitId: current.unitId,
        officerId: current.officerId ?? undefined,
        ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      };
      await updateCase(ctx, requireCan(req, "case.edit"), params.id, merged);
      return withParties(params.id);
    },
  });

  for (const action of ["close", "reopen"] as const) {
    apiRoute(app, {
      method: "POST",
      path: `/cases/:id/${action}`,
      summary: action === "close" ? "Close a case" : "Reopen a closed case",
      tag: "registry",
      access: (req) => requireCan(req, "case.close"),
      params: idParams,
      response: caseWithParties,
      handler: async (req, { params }) => {
        await changeCaseStatus(ctx, requireCan(req, "case.close"), params.id, action);
        return withParties(params.id);
      },
    });
  }
}
