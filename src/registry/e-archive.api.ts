import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { apiFileRoute } from "../platform/http/api-route.ts";
import { sendPackage } from "./e-archive.response.ts";
import { exportCaseToArchive, tempPackagePath } from "./e-archive.service.ts";

export async function eArchiveApi(app: FastifyInstance) {
  const { ctx } = app;
  apiFileRoute(app, {
    path: "/cases/:id/export/erms",
    summary:
      "A closed case as an E-ARK SIP (.zip) with FGS Ärendehantering 2.0 / CITS ERMS 2.1.2 metadata and its files; 409 for an open case",
    tag: "registry",
    params: z.strictObject({ id: z.string().max(100) }),
    handler: async (req, reply) => {
      const actor = requireCan(req, "case.export");
      const { id } = req.params as { id: string };
      return sendPackage(reply, await exportCaseToArchive(ctx, actor, id, await tempPackagePath(ctx)));
    },
  });
}
