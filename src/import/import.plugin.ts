import type { FastifyInstance } from "fastify";
import { importsApi } from "./imports.api.ts";
import { importsRoutes } from "./imports.routes.tsx";

/** Reading a received consultation into a proposal, on the upload page and in the API. */
export async function importPlugin(app: FastifyInstance) {
  await app.register(importsRoutes);
  await app.register(importsApi);
}
