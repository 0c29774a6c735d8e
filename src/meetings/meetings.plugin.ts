import type { FastifyInstance } from "fastify";
import { meetingsApi } from "./meetings.api.ts";
import { meetingsRoutes } from "./meetings.routes.tsx";

/** The bodies' meetings, agendas and decisions, the case's decision chain and the notice board. */
export async function meetingsPlugin(app: FastifyInstance) {
  await app.register(meetingsRoutes);
  await app.register(meetingsApi);
}
