import type { FastifyInstance } from "fastify";
import { mailIntakeApi } from "./mail-intake.api.ts";
import { mailIntakeRoutes } from "./mail-intake.routes.tsx";

/** The registry's mailbox: the received-mail queue's pages and API. */
export async function mailIntakePlugin(app: FastifyInstance) {
  await app.register(mailIntakeRoutes);
  await app.register(mailIntakeApi);
}
