import type { FastifyInstance } from "fastify";
import { importsApi } from "./imports.api.ts";
import { importReader } from "./imports.reader.ts";
import { importsRoutes } from "./imports.routes.tsx";

/**
 * Reading a received consultation into a proposal, on the upload page and in the API. The reader
 * runs in the background from the moment the app is ready until it closes.
 */
export async function importPlugin(app: FastifyInstance) {
  const reader = importReader(app.ctx);
  app.addHook("onReady", async () => reader.kick());
  app.addHook("onClose", async () => reader.stop());
  await app.register(importsRoutes, { reader });
  await app.register(importsApi, { reader });
}
