import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { NotFoundError } from "../platform/errors.ts";
import { safeLocalPath, sendPage, viewFor } from "../web/render.ts";
import { servedOverHttps, sessionCookieName, sessionCookieOptions } from "./cookies.ts";
import type { OidcClient, PendingSignIn } from "./oidc-client.ts";
import { recordOidcFailure, signInWithOidc } from "./oidc-sign-in.service.ts";
import { OidcRefusedPage } from "./views/OidcRefusedPage.tsx";

/** The state, nonce, PKCE verifier and return path of a sign-in under way: signed, short-lived. */
const PENDING_COOKIE = "kansli_oidc";
const PENDING_PATH = "/logga-in/oidc";
const PENDING_SECONDS = 10 * 60;
/** The same cheap per-process brake as on the password form. */
const rateLimit = { max: 20, timeWindow: "1 minute" };

const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers["user-agent"] ?? null });

function readPending(req: FastifyRequest): PendingSignIn | null {
  const raw = req.cookies[PENDING_COOKIE];
  const unsigned = raw ? req.unsignCookie(raw) : null;
  if (!unsigned?.valid || !unsigned.value) return null;
  try {
    const value = JSON.parse(unsigned.value) as Partial<PendingSignIn>;
    const { state, nonce, verifier, next } = value;
    return typeof state === "string" &&
      typeof nonce === "string" &&
      typeof verifier === "string" &&
      typeof next === "string"
      ? { state, nonce, verifier, next }
      : null;
  } catch {
    return null;
  }
}

/** Sign-in through the city's OpenID provider: the start and the provider's answer. */
export async function oidcRoutes(app: FastifyInstance, { oidc }: { oidc: OidcClient | null }) {
  const { ctx } = app;
  const pendingOptions = {
    path: PENDING_PATH,
    httpOnly: true,
    // Lax: the provider sends the browser back with a top-level GET, which carries it.
    sameSite: "lax" as const,
    secure: servedOverHttps(ctx.config),
    signed: true,
  };
  const refused = (req: FastifyRequest, reply: FastifyReply, reason: "no_access" | "failed") =>
    sendPage(
      reply,
      <OidcRefusedPage view={viewFor(req, reply)} reason={reason} />,
      reason === "no_access" ? 403 : 400,
    );

  app.get<{ Querystring: { next?: string } }>(
    "/logga-in/oidc",
    { config: { rateLimit } },
    async (req, reply) => {
      if (!oidc) throw new NotFoundError();
      const { url, pending } = await oidc.start(safeLocalPath(req.query.next));
      reply.setCookie(PENDING_COOKIE, JSON.stringify(pending), {
        ...pendingOptions,
        maxAge: PENDING_SECONDS,
      });
      return reply.redirect(url, 303);
    },
  );

  app.get("/logga-in/oidc/callback", { config: { rateLimit } }, async (req, reply) => {
    if (!oidc) throw new NotFoundError();
    const pending = readPending(req);
    // One answer per start: a replayed or second callback finds no pending sign-in.
    reply.clearCookie(PENDING_COOKIE, pendingOptions);
    if (!pending) {
      await recordOidcFailure(ctx, client(req), "no_pending_sign_in");
      return refused(req, reply, "failed");
    }
    let claims: Record<string, unknown>;
    try {
      claims = await oidc.finish(new URL(req.url, ctx.config.publicUrl), pending);
    } catch (error) {
      req.log.warn({ err: error }, "OpenID sign-in refused");
      const code = (error as { code?: unknown; error?: unknown }).error ?? (error as { code?: unknown }).code;
      await recordOidcFailure(ctx, client(req), typeof code === "string" ? code : "invalid_response");
      return refused(req, reply, "failed");
    }
    const result = await signInWithOidc(ctx, claims, client(req));
    if (!result.ok) return refused(req, reply, result.reason === "no_access" ? "no_access" : "failed");
    reply.setCookie(sessionCookieName(ctx.config), result.token, sessionCookieOptions(ctx.config));
    return reply.redirect(safeLocalPath(pending.next), 303);
  });
}
