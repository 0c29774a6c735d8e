import type { FastifyReply, FastifyRequest } from "fastify";
import { can } from "../auth/policy.ts";
import type { View } from "./view.ts";

/** The view context of a request; issues the CSRF token that the page's forms carry. */
export function viewFor(req: FastifyRequest, reply: FastifyReply): View {
  return {
    t: req.t,
    locale: req.locale,
    actor: req.actor,
    csrfToken: reply.generateCsrf(),
    path: req.url,
    can: (action, subject) => can(req.actor, action, subject),
  };
}

/** Sends a rendered page; pages are personal, so nothing caches them. */
export async function sendPage(reply: FastifyReply, html: JSX.Element, status = 200): Promise<FastifyReply> {
  return reply
    .code(status)
    .header("cache-control", "no-store")
    .type("text/html; charset=utf-8")
    .send(await html);
}

/** A path to return to after a POST: only our own paths, never another site. */
export function safeLocalPath(value: unknown, fallback = "/"): string {
  return typeof value === "string" &&
    value.startsWith("/") &&
    !value.startsWith("//") &&
    !value.includes("\\")
    ? value
    : fallback;
}
