import crypto from "node:crypto";
import path from "node:path";
import type { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, LogController } from "fastify";
import {
  type Actor,
  ANONYMOUS,
  ANONYMOUS_VIEWER,
  authPlugin,
  clearSessionCookie,
  LOCALE_COOKIE,
  requireCan,
  resolveSession,
  resolveToken,
  servedOverHttps,
  sessionCookieName,
  type UserActor,
  viewerOf,
} from "./auth/index.ts";
import type { Config } from "./config.ts";
import { checkLinkUpload, consultationPlugin } from "./consultation/index.ts";
import { engagementsPlugin } from "./engagements/index.ts";
import { importPlugin } from "./import/index.ts";
import { mailIntakePlugin } from "./mail-intake/index.ts";
import { meetingsPlugin } from "./meetings/index.ts";
import { monitoringPlugin } from "./monitoring/index.ts";
import { organisationPlugin } from "./organisation/index.ts";
import { planningPlugin } from "./planning/index.ts";
import { loadAuditKey } from "./platform/audit/audit-key.ts";
import type { Clock } from "./platform/clock.ts";
import type { Ctx } from "./platform/context.ts";
import type { Db, Dialect } from "./platform/db/database.ts";
import { AppError, UnauthenticatedError, ValidationError } from "./platform/errors.ts";
import { diskBlobStore } from "./platform/files/disk-blob-store.ts";
import { foldDateParts } from "./platform/http/date-parts.ts";
import { unsafeTextFields } from "./platform/http/input-text.ts";
import { registerMultipartForms } from "./platform/http/multipart.ts";
import { addSecurityHeaders } from "./platform/http/security-headers.ts";
import {
  fromAcceptLanguage,
  isLocale,
  type Locale,
  type Translate,
  translator,
} from "./platform/i18n/index.ts";
import { appSecret } from "./platform/secrets.store.ts";
import { registryPlugin } from "./registry/index.ts";
import { reportsPlugin } from "./reports/index.ts";
import { apiRoutes } from "./web/api.routes.ts";
import { answerFrameworkError, registerErrorHandling } from "./web/error-handling.tsx";
import { registerOperations } from "./web/operations.routes.ts";
import { pagesRoutes } from "./web/pages.routes.tsx";
import { menuCounter, worklistPlugin } from "./worklist/index.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The route takes a multipart file upload. */
    acceptsUpload?: boolean;
    /** An answer route of a personal consultation link: a live link may upload without login. */
    uploadByLink?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
    locale: Locale;
    t: Translate;
  }
  interface FastifyInstance {
    ctx: Ctx;
    /** Every route as "METHOD /url", for the permission matrix and diagnostics. */
    routeList: string[];
  }
}

export interface AppDeps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  /** Where JSON logs go (default stdout); tests read them to check nothing secret is logged. */
  logStream?: Writable;
}

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Longer URLs answer 414; so do path parameters over Fastify's maxParamLength (100). */
const MAX_URL_LENGTH = 8192;
const staticDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "web", "static");

/** The whole web application, without listening: `serve` listens, tests use `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ["req.headers.authorization", "req.headers.cookie", 'res.headers["set-cookie"]'],
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w-]{1,64}$/.test(given) ? given : crypto.randomUUID();
    },
    // One line per request (logged when it is answered, see registerOperations), not two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // The client address (sign-in throttling, audit, logs) from X-Forwarded-For only behind a
    // trusted proxy; a hop count trusts that many proxies nearest kansli, whatever their addresses.
    trustProxy: typeof config.trustProxy === "number" ? trustHops(config.trustProxy) : config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot read (bad percent-encoding, an over-long parameter) is answered
    // before any hook runs, so as to anonymous, in the language of the cookie or the browser.
    frameworkErrors: (error, req, reply) => {
      const cookieLocale = app.parseCookie(req.headers.cookie ?? "")[LOCALE_COOKIE];
      const locale =
        (isLocale(cookieLocale) ? cookieLocale : null) ??
        fromAcceptLanguage(req.headers["accept-language"]) ??
        "sv";
      setSecurityHeaders(req.raw, reply.raw);
      reply.header("x-request-id", req.id);
      req.actor = ANONYMOUS;
      req.viewer = ANONYMOUS_VIEWER;
      void answerFrameworkError(error, req, reply, locale);
    },
  });
  const ctx: Ctx = {
    config,
    db: deps.db,
    dialect: deps.dialect,
    clock: deps.clock,
    log: app.log,
    files: diskBlobStore(path.join(config.dataDir, "files")),
  };
  app.decorate("ctx", ctx);
  const menu = menuCounter(ctx);
  const countsFor = (actor: UserActor) => menu.counts(actor);
  app.addHook("onResponse", async (req) => {
    if (req.method !== "GET" && req.method !== "HEAD" && req.actor?.kind === "user")
      menu.forget(req.actor.id);
  });
  const { generatedFile } = loadAuditKey(config);
  if (generatedFile)
    app.log.warn(
      { file: generatedFile },
      "the audit trail is keyed with a generated key file: fine for a demo; production must set KANSLI_AUDIT_KEY_FILE (docs/operations.md)",
    );
  app.decorate("routeList", [] as string[]);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method !== "HEAD") app.routeList.push(`${method} ${route.url}`);
    }
  });
  app.decorateRequest("actor", null as never);
  app.decorateRequest("viewer", null as never);
  app.decorateRequest("locale", "sv");
  app.decorateRequest("t", translator("sv"));

  const secure = servedOverHttps(config);
  await app.register(cookie, { secret: await appSecret(deps.db, "cookie") });
  await app.register(formbody);
  await registerMultipartForms(app, {
    fileSize: config.maxUploadMb * 1024 * 1024,
    files: 1,
    fields: 40,
    fieldSize: 64 * 1024,
    parts: 42,
  });
  // NUL characters and lone surrogates are refused in every text field of every request, here,
  // once the body is read (params, query, JSON, form and multipart bodies alike).
  app.addHook("preValidation", async (req) => {
    const unsafe = unsafeTextFields(req.params, req.query, req.body);
    if (unsafe.length > 0) throw new ValidationError(unsafe);
  });
  // The pages' dates come as three inputs; routes and services see one field (platform/http/date-parts.ts).
  app.addHook("preValidation", async (req) => {
    if (req.query && typeof req.query === "object")
      req.query = foldDateParts(req.query as Record<string, unknown>);
    const form = req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded");
    if (form && req.body && typeof req.body === "object")
      req.body = foldDateParts(req.body as Record<string, unknown>);
  });
  const setSecurityHeaders = addSecurityHeaders(
    app,
    secure,
    config.oidc ? [new URL(config.oidc.issuer).origin] : [],
  );
  await app.register(rateLimit, { global: false });
  await app.register(csrf, {
    sessionPlugin: "@fastify/cookie",
    cookieKey: secure ? "__Host-kansli_csrf" : "kansli_csrf",
    cookieOpts: { signed: true, httpOnly: true, sameSite: "lax", path: "/", secure },
    getToken: (req) => {
      const bodyToken = (req.body as Record<string, unknown> | undefined)?._csrf;
      // A multipart form's fields arrive as parts: { value }.
      const fromBody =
        bodyToken && typeof bodyToken === "object" ? (bodyToken as { value?: unknown }).value : bodyToken;
      const fromQuery = (req.query as Record<string, unknown> | undefined)?._csrf;
      const token = fromBody ?? fromQuery ?? req.headers["x-csrf-token"];
      return typeof token === "string" ? token : undefined;
    },
  });
  await app.register(fastifyStatic, { root: staticDir, prefix: "/static/", maxAge: "1h" });

  // Who is asking, and in which language. A Bearer token never falls back to the cookie.
  app.addHook("onRequest", async (req, reply) => {
    reply.header("x-request-id", req.id);
    req.actor = ANONYMOUS;
    req.viewer = ANONYMOUS_VIEWER;
    const authorization = req.headers.authorization;
    if (authorization?.startsWith("Bearer ")) {
      req.actor = (await resolveToken(ctx, authorization.slice(7).trim())) ?? ANONYMOUS;
    } else {
      const session = req.cookies[sessionCookieName(config)];
      const unsigned = session ? req.unsignCookie(session) : null;
      if (unsigned?.valid && unsigned.value) {
        const actor = await resolveSession(ctx, unsigned.value);
        if (actor) req.actor = actor;
        else clearSessionCookie(reply, config);
      }
    }
    const actor = req.actor;
    if (actor.kind === "user") req.viewer = viewerOf(actor, () => countsFor(actor));
    const cookieLocale = req.cookies[LOCALE_COOKIE];
    req.locale =
      (req.actor.kind === "user" ? req.actor.locale : null) ??
      (isLocale(cookieLocale) ? cookieLocale : null) ??
      fromAcceptLanguage(req.headers["accept-language"]) ??
      "sv";
    req.t = translator(req.locale);
    if (req.url.length > MAX_URL_LENGTH) throw new AppError(414, "uri_too_long", "the URL is too long");
    // Uploads are read into memory before the handler runs: only signed-in users may send them,
    // and only to routes that take a file; without login only to a live personal answer link.
    // (The content type is read from the header: the body is not parsed yet.)
    if (/^multipart\//i.test(req.headers["content-type"] ?? "")) {
      if (!req.routeOptions.config?.acceptsUpload) {
        throw new AppError(400, "unsupported_content_type", "this route takes no file upload");
      }
      const secret = (req.params as { secret?: string }).secret;
      if (req.actor.kind !== "user") {
        if (req.routeOptions.config.uploadByLink !== true || secret === undefined)
          throw new UnauthenticatedError();
        await checkLinkUpload(ctx, secret);
      }
    }
  });

  // CSRF: every state-changing form must carry its token, and so must an API call that rides on a
  // session cookie. API calls with a Bearer token or no credentials at all have no ambient authority.
  app.addHook("preHandler", (req, reply, done) => {
    const viaSession = req.actor.kind === "user" && req.actor.via === "session";
    const needsToken = STATE_CHANGING.has(req.method) && (viaSession || !req.url.startsWith("/api/"));
    if (needsToken) app.csrfProtection(req, reply, done);
    else done();
  });

  registerErrorHandling(app);
  registerOperations(
    app,
    (req) => requireCan(req, "metrics.view"),
    (req) => (req.actor?.kind === "user" ? req.actor.id : null),
  );
  await app.register(pagesRoutes);
  await app.register(authPlugin);
  await app.register(organisationPlugin);
  await app.register(registryPlugin);
  await app.register(consultationPlugin);
  await app.register(engagementsPlugin);
  await app.register(planningPlugin);
  await app.register(monitoringPlugin);
  await app.register(reportsPlugin);
  await app.register(meetingsPlugin);
  await app.register(mailIntakePlugin);
  await app.register(importPlugin);
  await app.register(worklistPlugin);
  await app.register(apiRoutes);
  return app;
}

/** Trusts the `hops` addresses nearest kansli (the proxies) and takes the one before them as the client. */
const trustHops =
  (hops: number) =>
  (_address: string, hop: number): boolean =>
    hop < hops;
