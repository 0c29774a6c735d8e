import type { Config } from "../config.ts";

export const SESSION_COOKIE = "kansli_session";
export const LOCALE_COOKIE = "kansli_lang";

/** HttpOnly, SameSite=Lax, signed; Secure whenever kansli is served over https. */
export const sessionCookieOptions = (config: Config) => ({
  path: "/",
  httpOnly: true,
  sameSite: "lax" as const,
  secure: config.publicUrl.startsWith("https:"),
  signed: true,
});
