import type { FastifyReply } from "fastify";
import type { Config } from "../config.ts";

export const LOCALE_COOKIE = "kansli_lang";

/** kansli is served over https exactly when its public address says so (`KANSLI_PUBLIC_URL`). */
export const servedOverHttps = (config: Config) => config.publicUrl.startsWith("https:");

/**
 * Over https the session cookie is `__Host-kansli_session`: a browser takes a `__Host-` cookie only
 * when it is Secure, for Path=/ and without Domain, so no sibling host or plain-http page can plant
 * or overwrite it. Over plain http (development) the prefix would be refused, so the name stays.
 */
export const sessionCookieName = (config: Config) =>
  servedOverHttps(config) ? "__Host-kansli_session" : "kansli_session";

/** HttpOnly, SameSite=Lax, signed, Path=/, no Domain; Secure whenever kansli is served over https. */
export const sessionCookieOptions = (config: Config) => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: servedOverHttps(config),
  signed: true,
});

export const clearSessionCookie = (reply: FastifyReply, config: Config) =>
  reply.clearCookie(sessionCookieName(config), sessionCookieOptions(config));
