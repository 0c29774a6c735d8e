import type { FastifyInstance } from "fastify";
import { startRoutes } from "./start.routes.tsx";

/** The start page of what waits for each person. */
export async function worklistPlugin(app: FastifyInstance) {
  await app.register(startRoutes);
}
