import type { FastifyInstance } from "fastify";

/** Every route the app registered, as "METHOD /path", once each and sorted: what the permission matrices cover. */
export const appRoutes = (app: FastifyInstance): string[] => [...new Set(app.routeList)].sort();

/** The path parameters of a route ("GET /remisser/:id/mottagare/:rid" → ["id", "rid"]; a wildcard counts as "*"). */
export const routeParams = (route: string): string[] =>
  [...route.matchAll(/:([A-Za-z]+)|\*/g)].map((m) => m[1] ?? "*");

/** The routes of `routes` that are missing from `entries`, and the entries that name no route. */
export function coverage(routes: readonly string[], entries: readonly string[]) {
  return {
    missing: routes.filter((r) => !entries.includes(r)),
    unknown: entries.filter((e) => !routes.includes(e)),
  };
}
