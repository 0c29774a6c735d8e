import type { FastifyInstance } from "fastify";
import { reportsApi } from "./reports.api.ts";
import { reportsRoutes } from "./reports.routes.tsx";

/** Officer's reports: the pages and the API. */
export async function reportsPlugin(app: FastifyInstance) {
  await app.register(reportsRoutes);
  await app.register(reportsApi);
}
