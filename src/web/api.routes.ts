import type { FastifyInstance } from "fastify";
import { apiOperations } from "../platform/http/api-route.ts";
import { openApiDocument } from "../platform/http/openapi.ts";

/** The OpenAPI document, built once all API routes are registered. */
export async function apiRoutes(app: FastifyInstance) {
  app.get("/api/v1/openapi.json", async () => openApiDocument(apiOperations(app), "1"));
}
