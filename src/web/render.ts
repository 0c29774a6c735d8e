import type { FastifyReply, FastifyRequest } from "fastify";
import type { View, Viewer } from "./view.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is asking, as pages show them; set once the request's actor is known. */
    viewer: Viewer;
  }
}

/** The view context of a request; issues the CSRF token that the page's forms carry. */
export function viewFor(req: FastifyRequest, reply: FastifyReply): View {
  return {
    t: req.t,
    locale: req.locale,
    viewer: req.viewer,
    csrfToken: reply.generateCsrf(),
    path: req.url,
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

/** Characters a URL may carry as they are (RFC 3986); anything else must come percent-encoded. */
const URL_CHARACTERS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/?#[\]]*$/;
/** A path segment's characters (RFC 3986 pchar), which must follow the leading "/". */
const PATH_CHARACTER = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%]$/;
/** Control characters, backslashes and invisible or line-breaking characters. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\\]/u;

/**
 * The one gate for every `next`/return parameter: a path on this site, else `fallback`.
 * Accepted: "/" alone, or "/" and a path character, in plain URL characters. Refused: "//" in the
 * path (another host to a browser at the start), "/\", backslashes, tabs, newlines and every other control or
 * invisible character anywhere — also when percent-encoded, at any depth of decoding, since
 * browsers and proxies strip or turn them into "/" and would make "/\t/evil.example" a host.
 */
export function safeLocalPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length > 2048 || !URL_CHARACTERS.test(value)) return fallback;
  if (value !== "/" && !(value.startsWith("/") && PATH_CHARACTER.test(value.charAt(1)))) return fallback;
  let layer = value;
  for (let depth = 0; depth < 4; depth++) {
    // "//" in the path: a host to a browser at the start, and "/.//host" collapses to it.
    if (FORBIDDEN.test(layer) || /^[^?#]*\/\//.test(layer)) return fallback;
    let decoded: string;
    try {
      decoded = decodeURIComponent(layer);
    } catch {
      return fallback;
    }
    if (decoded === layer) return value;
    layer = decoded;
  }
  return fallback; // encoded more deeply than any honest link
}
