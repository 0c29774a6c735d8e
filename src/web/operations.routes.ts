import type { FastifyInstance, FastifyRequest } from "fastify";
import client from "prom-client";
import { migrationsPendingOnLiveDatabase } from "../platform/db/health.store.ts";
import { registerBusinessMetrics } from "../platform/metrics.ts";

/**
 * Health for load balancers, readiness for deploys, Prometheus metrics for admins only, and the
 * one log line per answered request (with the signed-in user's id from `userIdOf`).
 * `authorizeMetrics` throws unless the request may read the metrics.
 * Registered on the root app (not as an encapsulated plugin) so its timing hook sees every route.
 */
export function registerOperations(
  app: FastifyInstance,
  authorizeMetrics: (req: FastifyRequest) => void,
  userIdOf: (req: FastifyRequest) => string | null,
): void {
  const { ctx } = app;
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: "kansli_" });
  registerBusinessMetrics(registry, ctx.db, ctx.config.dataDir);
  const requests = new client.Histogram({
    name: "kansli_http_request_duration_seconds",
    help: "Time to answer HTTP requests",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook("onResponse", async (req, reply) => {
    req.log.info(
      { req, res: reply, responseTime: reply.elapsedTime, userId: userIdOf(req) },
      "request completed",
    );
    requests.observe(
      { method: req.method, route: req.routeOptions.url ?? "unmatched", status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/readyz", async (_req, reply) => {
    try {
      const pending = await migrationsPendingOnLiveDatabase(ctx.db);
      if (pending.length > 0) return reply.code(503).send({ status: "migrations pending", pending });
      if (!(await ctx.files.reachable())) {
        ctx.log.error("readiness check failed: the file store is missing or unreadable");
        return reply.code(503).send({ status: "file store unreachable" });
      }
      return { status: "ready" };
    } catch (error) {
      ctx.log.error({ err: error }, "readiness check failed");
      return reply.code(503).send({ status: "database unreachable" });
    }
  });

  app.get("/metrics", async (req, reply) => {
    authorizeMetrics(req);
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
