import type { FastifyInstance } from "fastify";
import { oidcMappingsRoutes } from "./oidc-mappings.routes.tsx";
import { unitsApi } from "./units.api.ts";
import { unitsRoutes } from "./units.routes.tsx";
import { usersAdminRoutes } from "./users-admin.routes.tsx";

/** The units of the organisation, on pages and in the API, and the administration of its users. */
export async function organisationPlugin(app: FastifyInstance) {
  await app.register(usersAdminRoutes);
  await app.register(oidcMappingsRoutes);
  await app.register(unitsRoutes);
  await app.register(unitsApi);
}
