import type { FastifyInstance } from "fastify";
import { accountRoutes } from "./account.routes.tsx";
import { auditLogRoutes } from "./audit-log.routes.tsx";
import { authRoutes } from "./auth.routes.tsx";
import { meApi } from "./me.api.ts";
import { oidcRoutes } from "./oidc.routes.tsx";
import { oidcClient } from "./oidc-client.ts";
import { outboxRoutes } from "./outbox.routes.tsx";

/** Signing in and out, the own account, the audit log, the outbox and the API's "me". */
export async function authPlugin(app: FastifyInstance) {
  const { config } = app.ctx;
  const oidc = config.oidc ? oidcClient(config, config.oidc) : null;
  await app.register(authRoutes, { oidc });
  await app.register(oidcRoutes, { oidc });
  await app.register(accountRoutes);
  await app.register(auditLogRoutes);
  await app.register(outboxRoutes);
  await app.register(meApi);
}
