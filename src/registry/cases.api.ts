import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireCan, requireUser } from "../auth/index.ts";
import { apiRoute, listQuery, listResponse } from "../platform/http/api-route.ts";
import { cursorKey, pageOf } from "../platform/http/cursor.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import { caseAsShown, partiesAsShown, requireCaseWrite, seesCaseInFull } from "./case-visibility.ts";
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
  /** The version of the class the case was filed under (GET /classes/{id} lists them). */
  classVersionId: z.string().nullable(),
  unitId: z.string(),
  officerId: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  /** "full" for the case's insiders; "public" when title and parties are shown as the public register shows them. */
  visibility: z.enum(["full", "public"]),
});
const partySchema = z.object({
  id: z.string(),
  name: z.string(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  protectedIdentity: z.boolean(),
});
const caseWithParties = caseSchema.extend({ parties: z.array(partySchema) });
nameApiSchemas({ Case: caseSchema, Party: partySchema, CaseWithParties: caseWithParties });
const idParams = z.strictObject({ id: z.string().max(100) });
const cursorSchema = z.object({ openedOn: z.string(), id: z.string() });
const visibilityOf = (full: boolean) => (full ? ("full" as const) : ("public" as const));

export async function casesApi(app: FastifyInstance) {
  const { ctx } = app;
  /** A case with its parties as the reader may see them (case.view_full, else as the public register). */
  const withParties = async (req: FastifyRequest, id: string) => {
    const c = await getCase(ctx, id);
    const full = seesCaseInFull(req.actor, c);
    const parties = partiesAsShown(await getParties(ctx, id), full, req.t("case.protected_identity"));
    return { ...caseAsShown(c, full), visibility: visibilityOf(full), parties };
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
    handler: async (req, { query }) => {
      const before = cursorKey(query.cursor, cursorSchema);
      const rows = await casePage(ctx.db, {
        tenantId: ctx.config.tenantId,
        ...query,
        before,
        limit: query.limit,
      });
      const { items, nextCursor } = pageOf(rows, query.limit, (c) => ({ openedOn: c.opened_on, id: c.id }));
      return {
        items: items.map(toCase).map((c) => {
          const full = seesCaseInFull(req.actor, c);
          return { ...caseAsShown(c, full), visibility: visibilityOf(full) };
        }),
        nextCursor,
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
      return withParties(req, c.id);
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
    handler: async (req, { params }) => withParties(req, params.id),
  });

  apiRoute(app, {
    method: "PATCH",
    path: "/cases/:id",
    summary: "Change some facts of an open case; fields left out keep their value",
    tag: "registry",
    // Bound to the case's unit: checked against the case once it is loaded (404 for an unknown case).
    access: (req) => requireUser(req),
    params: idParams,
    body: caseFieldsSchema.partial(),
    bodyCheckedBy: "service",
    response: caseWithParties,
    handler: async (req, { params, body }) => {
      const actor = requireUser(req);
      const current = await getCase(ctx, params.id);
      requireCaseWrite(actor, "case.edit", current);
      const merged = {
        title: current.title,
        publicTitle: current.publicTitle ?? undefined,
        classId: current.classId,
        unitId: current.unitId,
        officerId: current.officerId ?? undefined,
        ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)),
      };
      await updateCase(ctx, actor, params.id, merged);
      return withParties(req, params.id);
    },
  });

  for (const action of ["close", "reopen"] as const) {
    apiRoute(app, {
      method: "POST",
      path: `/cases/:id/${action}`,
      summary: action === "close" ? "Close a case" : "Reopen a closed case",
      tag: "registry",
      access: (req) => requireUser(req),
      params: idParams,
      response: caseWithParties,
      handler: async (req, { params }) => {
        const actor = requireUser(req);
        requireCaseWrite(actor, "case.close", await getCase(ctx, params.id));
        await changeCaseStatus(ctx, actor, params.id, action);
        return withParties(req, params.id);
      },
    });
  }
}
