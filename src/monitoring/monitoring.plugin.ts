import type { FastifyInstance } from "fastify";
import { monitoringApi } from "./monitoring.api.ts";
import { monitoringRoutes } from "./monitoring.routes.tsx";

/** The watch list and the international comparisons. */
export async function monitoringPlugin(app: FastifyInstance) {
  await app.register(monitoringRoutes);
  await app.register(monitoringApi);
}
