import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError, ConflictError, type FieldError, UnauthenticatedError } from "../platform/errors.ts";
import { failedReadingMultipart } from "../platform/http/multipart.ts";
import { isMessageKey, type Locale, type Translate, translator } from "../platform/i18n/index.ts";
import { ErrorPage } from "./ErrorPage.tsx";
import { sendPage, viewFor } from "./render.ts";
import type { View } from "./view.ts";

interface Failure {
  status: number;
  code: string;
  fields: FieldError[];
  allowed?: string[];
}

/** Fastify's and its plugins' own errors, mapped to what a client can act on. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string }> = {
  FST_CSRF_MISSING_SECRET: { status: 403, code: "csrf" },
  FST_CSRF_INVALID_TOKEN: { status: 403, code: "csrf" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 400, code: "unsupported_content_type" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: "malformed" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: "malformed" },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: "too_large" },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: "too_large" },
  FST_FILES_LIMIT: { status: 413, code: "too_large" },
  FST_PARTS_LIMIT: { status: 413, code: "too_large" },
  FST_FIELDS_LIMIT: { status: 413, code: "too_large" },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 400, code: "unsupported_content_type" },
  FST_ERR_BAD_URL: { status: 400, code: "malformed" },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: "uri_too_long" },
};

function classify(error: FastifyError | AppError, req: FastifyRequest): Failure {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      fields: error.fields,
      ...(error instanceof ConflictError ? { allowed: error.allowed } : {}),
    };
  }
  const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
  if (known) return { ...known, fields: [] };
  // busboy's own errors (no boundary, a truncated body, a broken part header) carry no status.
  if (failedReadingMultipart(req)) return { status: 400, code: "malformed", fields: [] };
  const status = error.statusCode ?? 500;
  if (status === 429) return { status, code: "rate_limited", fields: [] };
  if (status >= 400 && status < 500) return { status: 400, code: "malformed", fields: [] };
  return { status: 500, code: "internal", fields: [] };
}

const isApi = (req: FastifyRequest) => req.url.startsWith("/api/");

const messageKeyFor = (f: Failure) => {
  const key = `error.${f.status}.title`;
  return isMessageKey(key) ? key : "error.500.title";
};

function translateFields(t: Translate, fields: FieldError[]) {
  return fields.map((f) => ({
    field: f.field,
    message: isMessageKey(f.message) ? t(f.message, f.params) : f.message,
    ...(f.principle ? { principle: f.principle } : {}),
  }));
}

async function respond(
  req: FastifyRequest,
  reply: FastifyReply,
  failure: Failure,
  view: () => View = () => viewFor(req, reply),
) {
  if (isApi(req)) {
    return reply.code(failure.status).send({
      error: {
        code: failure.code,
        message: req.t(messageKeyFor(failure)),
        fields: translateFields(req.t, failure.fields),
        ...(failure.allowed ? { allowed: failure.allowed } : {}),
      },
    });
  }
  if (failure.status === 401) {
    return reply.redirect(`/logga-in?next=${encodeURIComponent(req.url)}`, 303);
  }
  return sendPage(
    reply,
    <ErrorPage view={view()} status={failure.status} fields={failure.fields} />,
    failure.status,
  );
}

/** One error body for the API, one error page for people, in the reader's language. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | AppError, req, reply) => {
    const failure = classify(error, req);
    if (failure.status >= 500) req.log.error({ err: error }, "request failed");
    else req.log.info({ code: failure.code, status: failure.status }, "request refused");
    return respond(req, reply, error instanceof UnauthenticatedError ? { ...failure, status: 401 } : failure);
  });
  app.setNotFoundHandler(async (req, reply) =>
    respond(req, reply, { status: 404, code: "not_found", fields: [] }),
  );
}

/**
 * Answers a request the router could not read (Fastify's frameworkErrors: a bad percent-encoding,
 * an over-long path parameter) like any other error. No hook has run and the request and reply
 * are Fastify's bare ones (no plugin's decorations): the caller sets the anonymous reader's viewer,
 * and the page's forms carry no CSRF token.
 */
export async function answerFrameworkError(
  error: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
  locale: Locale,
) {
  req.locale = locale;
  req.t = translator(locale);
  const failure = classify(error, req);
  req.log.info({ code: failure.code, status: failure.status }, "request refused");
  return respond(req, reply, failure, () => ({
    t: req.t,
    locale,
    viewer: req.viewer,
    csrfToken: "",
    path: "/",
  }));
}
