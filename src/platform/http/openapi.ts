import { z } from "zod";
import type { ApiOperation } from "./api-route.ts";

type JsonSchema = Record<string, unknown>;

/** The answers' schemas that have a name; the OpenAPI document keeps each once, under `components`. */
const named = z.registry<{ id: string }>();

/** Names answers' schemas, so that the OpenAPI document refers to each instead of repeating it. */
export function nameApiSchemas(schemas: Record<string, z.ZodType>): void {
  for (const [id, schema] of Object.entries(schemas)) named.add(schema, { id });
}

const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })),
  }),
});
nameApiSchemas({ Error: errorBody });

/** A request's schema, inline; OpenAPI 3.1's dialect is draft 2020-12, so `$schema` goes. */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  });
  return rest;
}

/** Points every `#/$defs/…` reference at `#/components/schemas/…`. */
const toComponents = (schema: unknown): unknown =>
  JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'));

/**
 * An answer's schema with its named parts moved into `components` (one entry a name; a name given
 * to two different schemas is a programming error).
 */
function outputSchema(schema: z.ZodType, components: Record<string, unknown>) {
  const {
    $schema: _,
    $defs,
    ...rest
  } = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "output",
    unrepresentable: "any",
    metadata: named,
  }) as JsonSchema & { $defs?: Record<string, unknown> };
  for (const [id, def] of Object.entries($defs ?? {})) {
    const moved = toComponents(def);
    if (id in components && JSON.stringify(components[id]) !== JSON.stringify(moved)) {
      throw new Error(`Two API schemas are named ${id}`);
    }
    components[id] = moved;
  }
  return toComponents(rest);
}

/** `GET /units/{id}/documents` → `getUnitsByIdDocuments`: stable, and unique as method and path are. */
export function operationId(method: string, path: string): string {
  const words = path
    .split("/")
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^[:{](\w+)}?$/.exec(segment);
      return param ? ["by", param[1] ?? ""] : segment.split(/[^A-Za-z0-9]+/);
    });
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  return `${method.toLowerCase()}${pascal}`;
}

function parameters(schema: z.ZodType | undefined, where: "path" | "query") {
  if (!schema) return [];
  const js = inputSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (js.required ?? []).includes(name),
    schema: s,
  }));
}

/** The OpenAPI 3.1 document, generated from the same schemas that validate requests. */
export function openApiDocument(ops: ApiOperation[], version: string) {
  const schemas: Record<string, unknown> = {};
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of ops) {
    const path = op.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      operationId: operationId(op.method, op.path),
      summary: op.summary,
      tags: [op.tag],
      security: op.isPublic ? [] : [{ bearer: [] }],
      parameters: [...parameters(op.params, "path"), ...parameters(op.query, "query")],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: inputSchema(op.body) } },
            },
          }
        : {}),
      responses: {
        [String(op.status)]: {
          description: "OK",
          content: { "application/json": { schema: outputSchema(op.response, schemas) } },
        },
        default: { $ref: "#/components/responses/Error" },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "kansli API",
      version,
      description: "Registry, consultations and international work of a city.",
    },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "Personal API token" } },
      responses: {
        Error: {
          description: "Error",
          content: { "application/json": { schema: outputSchema(errorBody, schemas) } },
        },
      },
      schemas,
    },
    paths,
  };
}
