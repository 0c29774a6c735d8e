import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { FieldError } from "../platform/errors.ts";
import { isLocale } from "../platform/i18n/index.ts";
import { safeLocalPath, sendPage, viewFor } from "../web/render.ts";
import { clearSessionCookie, LOCALE_COOKIE, sessionCookieName, sessionCookieOptions } from "./cookies.ts";
import { requireUser } from "./guards.ts";
import type { OidcClient } from "./oidc-client.ts";
import { login, logout, revokeAllSessions } from "./sessions.service.ts";
import { setUserLocale } from "./users.service.ts";
import { findUserById } from "./users.store.ts";
import { LoginPage } from "./views/LoginPage.tsx";

const client = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers["user-agent"] ?? null });
const field = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : "";
};

export async function authRoutes(app: FastifyInstance, { oidc }: { oidc: OidcClient | null }) {
  const { ctx } = app;
  const showLogin = (
    req: FastifyRequest,
    reply: FastifyReply,
    errors: FieldError[],
    username = "",
    status = 200,
  ) =>
    sendPage(
      reply,
      <LoginPage
        view={viewFor(req, reply)}
        errors={errors}
        username={username}
        oidc={oidc !== null}
        breakGlassOnly={ctx.config.breakGlassUser !== null}
        next={safeLocalPath((req.query as { next?: string }).next ?? field(req.body, "next"))}
      />,
      status,
    );

  app.get("/logga-in", async (req, reply) => showLogin(req, reply, []));

  app.post(
    "/logga-in",
    { config: { rateLimit: { max: 20, timeWindow: "1 minute" } } },
    async (req, reply) => {
      const username = field(req.body, "username").trim().toLowerCase();
      const password = field(req.body, "password");
      const errors: FieldError[] = [];
      if (!username) errors.push({ field: "username", message: "auth.username_required" });
      if (!password) errors.push({ field: "password", message: "auth.password_required" });
      if (username.length > 64 || password.length > 1024)
        errors.push({ field: "username", message: "auth.invalid" });
      if (errors.length > 0) return showLogin(req, reply, errors, username.slice(0, 64), 422);

      const result = await login(ctx, username, password, client(req));
      if (!result.ok) {
        if (result.reason === "invalid")
          return showLogin(req, reply, [{ field: "username", message: "auth.invalid" }], username, 401);
        // The same answer whether the username exists or not; Retry-After for scripts and proxies.
        const minutes = Math.ceil(result.waitMs / 60_000);
        reply.header("retry-after", String(Math.ceil(result.waitMs / 1000)));
        const message = minutes === 1 ? "auth.throttled_one" : "auth.throttled";
        return showLogin(req, reply, [{ field: "username", message, params: { minutes } }], username, 429);
      }
      reply.setCookie(sessionCookieName(ctx.config), result.token, sessionCookieOptions(ctx.config));
      return reply.redirect(safeLocalPath(field(req.body, "next")), 303);
    },
  );

  app.post("/logga-ut", async (req, reply) => {
    const method = req.actor.kind === "user" ? await logout(ctx, req.actor, client(req)) : null;
    clearSessionCookie(reply, ctx.config);
    return reply.redirect((method === "oidc" && (await providerLogout(req))) || "/logga-in?utloggad=1", 303);
  });

  /** RP-initiated logout: the provider ends its own session too, then sends the browser back. */
  const providerLogout = async (req: FastifyRequest): Promise<string | null> => {
    try {
      return (await oidc?.logoutUrl()) ?? null;
    } catch (error) {
      // kansli's session is already ended; the provider's may outlive it.
      req.log.warn({ err: error }, "the provider's logout address could not be read");
      return null;
    }
  };

  app.post("/logga-ut-overallt", async (req, reply) => {
    const actor = requireUser(req);
    await revokeAllSessions(ctx, actor, actor.id, client(req));
    clearSessionCookie(reply, ctx.config);
    return reply.redirect("/logga-in?utloggad=1", 303);
  });

  // Language: saved on the account when signed in, in a cookie otherwise.
  app.post("/sprak", async (req, reply) => {
    const locale = field(req.body, "locale");
    if (isLocale(locale)) {
      reply.setCookie(LOCALE_COOKIE, locale, {
        path: "/",
        sameSite: "lax",
        maxAge: 365 * 24 * 3600,
        httpOnly: true,
      });
      if (req.actor.kind === "user") {
        const user = await findUserById(ctx.db, req.actor.tenantId, req.actor.id);
        if (user) await setUserLocale(ctx, user, locale);
      }
    }
    return reply.redirect(safeLocalPath(field(req.body, "next")), 303);
  });
}
