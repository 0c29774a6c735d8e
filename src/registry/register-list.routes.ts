import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../auth/index.ts";
import { parseCaseListQuery } from "./case-list-filter.ts";
import { registerListCsv, registerListXlsx } from "./register-list.files.ts";
import { registerListRows, startListExport } from "./register-list.service.ts";

const FORMATS = {
  csv: { type: "text/csv; charset=utf-8", write: registerListCsv },
  xlsx: {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    write: registerListXlsx,
  },
} as const;

/** The register list (/arenden) with the same filters, as CSV or Excel. */
export async function registerListRoutes(app: FastifyInstance) {
  const { ctx } = app;
  for (const format of ["csv", "xlsx"] as const) {
    app.get(`/arenden.${format}`, async (req: FastifyRequest, reply: FastifyReply) => {
      const actor = requireCan(req, "case.view");
      const { cursor: _cursor, ...filter } = parseCaseListQuery(req.query).filter;
      await startListExport(ctx, actor, filter, format);
      return reply
        .type(FORMATS[format].type)
        .header("content-disposition", `attachment; filename="diarium.${format}"`)
        .header("cache-control", "private, no-store")
        .send(FORMATS[format].write(registerListRows(ctx, actor, filter), req.t));
    });
  }
}
