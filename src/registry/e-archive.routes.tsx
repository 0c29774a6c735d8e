import fs from "node:fs";
import type { FastifyInstance } from "fastify";
import { requireCan } from "../auth/index.ts";
import { ValidationError } from "../platform/errors.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { sendPackage } from "./e-archive.response.ts";
import { exportCaseToArchive, exportClosedYear, tempPackagePath } from "./e-archive.service.ts";
import { getRegistries } from "./registries.service.ts";
import { ArchiveDeliveryPage } from "./views/ArchiveDeliveryPage.tsx";

/** R10: a closed case, or a registry's year of closed cases, as an E-ARK SIP download. */
export async function eArchiveRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get<{ Params: { id: string } }>("/arenden/:id/e-arkiv", async (req, reply) => {
    const actor = requireCan(req, "case.export");
    const pkg = await exportCaseToArchive(ctx, actor, req.params.id, await tempPackagePath(ctx));
    return sendPackage(reply, pkg);
  });

  app.get("/e-arkiv", async (req, reply) => {
    requireCan(req, "case.export");
    return sendPage(
      reply,
      <ArchiveDeliveryPage
        view={viewFor(req, reply)}
        registries={await getRegistries(ctx)}
        values={{}}
        errors={[]}
      />,
    );
  });

  app.get<{ Querystring: Record<string, unknown> }>("/e-arkiv/leverans", async (req, reply) => {
    const actor = requireCan(req, "case.export");
    const text = (v: unknown) => (typeof v === "string" ? v.slice(0, 100) : undefined);
    const values = { registryId: text(req.query.registryId), year: text(req.query.year) };
    const out = await tempPackagePath(ctx);
    try {
      const pkg = await exportClosedYear(ctx, actor, { registry: values.registryId, year: values.year }, out);
      return sendPackage(reply, pkg);
    } catch (error) {
      await fs.promises.rm(out, { force: true });
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        reply,
        <ArchiveDeliveryPage
          view={viewFor(req, reply)}
          registries={await getRegistries(ctx)}
          values={values}
          errors={error.fields}
        />,
        422,
      );
    }
  });
}
