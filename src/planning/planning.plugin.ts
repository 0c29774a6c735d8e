import type { FastifyInstance } from "fastify";
import { planningApi } from "./planning.api.ts";
import { plansRoutes } from "./plans.routes.tsx";
import { reportRoutes } from "./report.routes.tsx";

/** The yearly plans and the annual report. */
export async function planningPlugin(app: FastifyInstance) {
  await app.register(plansRoutes);
  await app.register(reportRoutes);
  await app.register(planningApi);
}
