import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { apiRoute } from "../platform/http/api-route.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import {
  classChangeSchema,
  classInputSchema,
  type MaintainedClass,
  RETENTIONS,
  versionAnswers,
} from "./classification.model.ts";
import {
  applyClassImport,
  IMPORT_CHANGES,
  type ImportPlan,
  planClassImport,
} from "./classification-import.service.ts";
import {
  changeClass,
  createClass,
  getMaintainedClass,
  getMaintainedClasses,
  setClassInUse,
} from "./classification-maintenance.service.ts";

const versionSchema = z.object({
  id: z.string(),
  version: z.number(),
  title: z.string(),
  description: z.string().nullable(),
  /** Null: the class sets no rule; the disposal decisions per document type apply. */
  retention: z.enum(RETENTIONS).nullable(),
  retentionYears: z.number().nullable(),
  decisionReference: z.string().nullable(),
  createdAt: z.string(),
  supersededAt: z.string().nullable(),
});
const classSchema = z.object({
  id: z.string(),
  code: z.string(),
  /** When it was retired (no new cases filed under it); null while in use. */
  retiredAt: z.string().nullable(),
  current: versionSchema,
});
const classWithVersions = classSchema.extend({ versions: z.array(versionSchema) });
const planSchema = z.object({
  applied: z.boolean(),
  classes: z.array(
    z.object({
      line: z.number(),
      code: z.string(),
      title: z.string(),
      changes: z.array(z.enum(IMPORT_CHANGES)),
    }),
  ),
  untouched: z.number(),
});
nameApiSchemas({
  ClassVersion: versionSchema,
  Class: classSchema,
  ClassWithVersions: classWithVersions,
  ClassImport: planSchema,
});
const idParams = z.strictObject({ id: z.string().max(100) });

const asJson = (c: MaintainedClass) => ({
  id: c.id,
  code: c.code,
  retiredAt: c.retiredAt,
  current: c.current,
});
const planJson = (plan: ImportPlan, applied: boolean) => ({
  applied,
  classes: plan.classes.map((c) => ({ line: c.line, code: c.code, title: c.title, changes: c.changes })),
  untouched: plan.untouched,
});

/** The classification scheme in force (issue 17): admins keep it; each change makes a class's next version. */
export async function classificationApi(app: FastifyInstance) {
  const { ctx } = app;
  const admin = (req: Parameters<typeof requireCan>[0]) => requireCan(req, "registry.configure");

  apiRoute(app, {
    method: "GET",
    path: "/classes",
    summary: "The classes of the scheme in force, each with its current version (admin)",
    tag: "registry",
    access: admin,
    query: z.strictObject({}),
    response: z.object({ items: z.array(classSchema), nextCursor: z.null() }),
    handler: async () => ({ items: (await getMaintainedClasses(ctx)).classes.map(asJson), nextCursor: null }),
  });

  apiRoute(app, {
    method: "GET",
    path: "/classes/:id",
    summary: "One class with every version, newest first (admin)",
    tag: "registry",
    access: admin,
    params: idParams,
    query: z.strictObject({}),
    response: classWithVersions,
    handler: async (_req, { params }) => {
      const c = await getMaintainedClass(ctx, params.id);
      return { ...asJson(c), versions: c.versions };
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/classes",
    summary: "Create a class in the scheme in force (admin); its code must be new there",
    tag: "registry",
    access: admin,
    body: classInputSchema,
    bodyCheckedBy: "service",
    response: classWithVersions,
    status: 201,
    handler: async (req, { body }) => {
      const id = await createClass(ctx, admin(req), body);
      const c = await getMaintainedClass(ctx, id);
      return { ...asJson(c), versions: c.versions };
    },
  });

  apiRoute(app, {
    method: "PATCH",
    path: "/classes/:id",
    summary:
      "Change a class (admin): its next version, fields left out as they were; cases filed under earlier versions keep theirs",
    tag: "registry",
    access: admin,
    params: idParams,
    body: classChangeSchema.partial(),
    bodyCheckedBy: "service",
    response: classWithVersions,
    handler: async (req, { params, body }) => {
      const current = await getMaintainedClass(ctx, params.id);
      const given = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      await changeClass(ctx, admin(req), params.id, { ...versionAnswers(current.current), ...given });
      const c = await getMaintainedClass(ctx, params.id);
      return { ...asJson(c), versions: c.versions };
    },
  });

  for (const action of ["retire", "reinstate"] as const) {
    apiRoute(app, {
      method: "POST",
      path: `/classes/:id/${action}`,
      summary:
        action === "retire"
          ? "Retire a class (admin): no new cases; cases filed under it keep it"
          : "Take a retired class back in use (admin)",
      tag: "registry",
      access: admin,
      params: idParams,
      response: classSchema,
      handler: async (req, { params }) => {
        await setClassInUse(ctx, admin(req), params.id, action === "reinstate");
        return asJson(await getMaintainedClass(ctx, params.id));
      },
    });
  }

  apiRoute(app, {
    method: "POST",
    path: "/classes/import",
    summary:
      "Check a CSV of classes (the columns of the page's export) and say what it changes; with apply, change it. Any bad line: 422 with every problem and its line, nothing written",
    tag: "registry",
    access: admin,
    body: z.strictObject({ csv: z.string().min(1).max(2_000_000), apply: z.boolean().optional() }),
    response: planSchema,
    handler: async (req, { body }) =>
      body.apply
        ? planJson(await applyClassImport(ctx, admin(req), body.csv), true)
        : planJson(await planClassImport(ctx, body.csv), false),
  });
}
