import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { type FieldError, ValidationError } from "../errors.ts";
import { fieldErrors } from "../validation.ts";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface ApiRouteSpec<
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  method: Method;
  /** Path below /api/v1, Fastify style (`/units/:id`). */
  path: string;
  summary: string;
  tag: string;
  /** "public" needs no credentials; otherwise the guard throws when the request may not go on. */
  access: "public" | ((req: FastifyRequest) => void);
  params?: P;
  query?: Q;
  body?: B;
  /**
   * "service": the body schema only describes the body; the service validates it itself,
   * together with the checks that need the database, so every problem is reported at once.
   */
  bodyCheckedBy?: "route" | "service";
  /** The route takes a multipart file upload. */
  acceptsUpload?: boolean;
  response: R;
  status?: number;
  handler: (
    req: FastifyRequest,
    input: { params: z.output<P>; query: z.output<Q>; body: z.output<B> },
    reply: FastifyReply,
  ) => Promise<z.input<R>>;
}

export interface ApiOperation {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  isPublic: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status: number;
  /** The answer is a file, not JSON. */
  binary?: boolean;
}

/**
 * Operations registered on each app, for the OpenAPI document. Keyed by the app's
 * shared context, which every encapsulated plugin of one app sees as the same object.
 */
const operations = new WeakMap<object, ApiOperation[]>();

export function apiOperations(app: FastifyInstance): ApiOperation[] {
  return operations.get(app.ctx) ?? [];
}

/** Every list query takes these two. */
export const listQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
};

/**
 * What a route without a query or body schema takes: nothing. Parameters or fields sent to it are
 * refused like any other unknown ones.
 */
const nothing = z.strictObject({});

export const listResponse = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/**
 * Registers a JSON route whose params, query and body are validated by zod schemas
 * (every problem reported at once) and described in the OpenAPI document from the same schemas.
 */
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  app: FastifyInstance,
  spec: ApiRouteSpec<P, Q, B, R>,
): void {
  const list = operations.get(app.ctx) ?? [];
  operations.set(app.ctx, list);
  list.push({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tag: spec.tag,
    isPublic: spec.access === "public",
    ...(spec.params ? { params: spec.params } : {}),
    ...(spec.query ? { query: spec.query } : {}),
    ...(spec.body ? { body: spec.body } : {}),
    response: spec.response,
    status: spec.status ?? 200,
  });
  app.route({
    method: spec.method,
    url: `/api/v1${spec.path}`,
    config: { acceptsUpload: spec.acceptsUpload === true },
    handler: async (req, reply) => {
      if (spec.access !== "public") spec.access(req);
      const errors: FieldError[] = [];
      const parse = (schema: z.ZodType | undefined, value: unknown, prefix: string) => {
        if (!schema) return undefined;
        const result = schema.safeParse(value);
        if (result.success) return result.data;
        errors.push(...fieldErrors(result.error.issues).map((e) => ({ ...e, field: `${prefix}${e.field}` })));
        return undefined;
      };
      const params = parse(spec.params, req.params ?? {}, "");
      const query = parse(spec.query ?? nothing, req.query ?? {}, "");
      // No body is an empty one; JSON `null` is a body of the wrong type.
      const rawBody = req.body === undefined ? {} : req.body;
      const service = spec.bodyCheckedBy === "service";
      if (service && (typeof rawBody !== "object" || rawBody === null || Array.isArray(rawBody))) {
        errors.push({ field: "", message: "validation.type" });
      }
      const body = service ? rawBody : parse(spec.body ?? nothing, rawBody, "");
      if (errors.length > 0) throw new ValidationError(errors);
      const result = await spec.handler(
        req,
        { params: params as z.output<P>, query: query as z.output<Q>, body: body as z.output<B> },
        reply,
      );
      reply.code(spec.status ?? 200);
      return result;
    },
  });
}

/** A GET route that answers with a file; described in the OpenAPI document as binary. */
export function apiFileRoute(
  app: FastifyInstance,
  spec: {
    path: string;
    summary: string;
    tag: string;
    params: z.ZodType;
    handler: (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;
  },
): void {
  const list = operations.get(app.ctx) ?? [];
  operations.set(app.ctx, list);
  list.push({
    method: "GET",
    path: spec.path,
    summary: spec.summary,
    tag: spec.tag,
    isPublic: false,
    params: spec.params,
    response: z.any(),
    status: 200,
    binary: true,
  });
  app.get(`/api/v1${spec.path}`, spec.handler);
}
