import fc from "fast-check";
import {
  badObject,
  badValue,
  type IdPool,
  IMPOSSIBLE_DATES,
  type JsonSchema,
  validValue,
} from "./schema-values.ts";

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface Operation {
  method: string;
  /** OpenAPI style, below /api/v1: `/cases/{id}`. */
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  body: JsonSchema | null;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: "path" | "query"; required?: boolean; schema: JsonSchema }[];
        requestBody?: { content: { "application/json": { schema: JsonSchema } } };
      }
    >
  >;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === "path"),
      queryParams: (op.parameters ?? [])
        .filter((p) => p.in === "query")
        .map((p) => ({ name: p.name, schema: p.schema, required: p.required === true })),
      body: op.requestBody?.content["application/json"].schema ?? null,
    })),
  );
}

export interface FuzzRequest {
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Which kind of bad input the request carries, for the report. */
  kind: string;
}

/** Real ids of the records a path segment names, so that some requests reach the checks behind 404. */
export interface IdsByTable {
  bySegment: Record<string, string[]>;
  pool: IdPool;
}

const UNKNOWN_UUID = fc.uuid({ version: 7 });

/** Path parameter values: real ids, unknown ones, and ids no route can take. */
function pathValue(segment: string, name: string, schema: JsonSchema, ids: IdsByTable) {
  const real = ids.bySegment[segment] ?? [];
  const good: fc.Arbitrary<{ value: string; kind: string }>[] = [
    UNKNOWN_UUID.map((value) => ({ value, kind: "id:unknown" })),
  ];
  if (real.length > 0) good.push(fc.constantFrom(...real).map((value) => ({ value, kind: "id:real" })));
  if (schema.type === "integer")
    good.push(
      validValue(schema, ids.pool, name).map((value) => ({ value: String(value), kind: "id:valid-number" })),
    );
  const bad = fc.oneof(
    fc
      .constantFrom("not-a-uuid", "0", "-1", "1e400", "9999999999999999999999", "null", "..", "ÅÄÖ", " ")
      .map((value) => ({ value: encodeURIComponent(value), kind: "id:junk", raw: true })),
    fc
      .integer({ min: 101, max: 400 })
      .map((n) => ({ value: "a".repeat(n), kind: "id:over-long", raw: true })),
    fc
      .constantFrom("%E0%A4%A", "%ZZ", "%", "%C0%AF", "%ED%A0%80", "%00", "a%00b", "%FF%FE")
      .map((value) => ({ value, kind: "id:bad-encoding", raw: true })),
    fc
      .constantFrom(...IMPOSSIBLE_DATES.filter(Boolean), "2000.5", "2101", "1999")
      .map((value) => ({ value: encodeURIComponent(value), kind: "id:bad-value", raw: true })),
  );
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...good).map((v) => ({ ...v, value: encodeText(v.value) })) },
    { weight: 2, arbitrary: bad },
  );
}

/** A query string: valid parameters, then some of them bad, unknown or badly encoded. */
function queryString(op: Operation, ids: IdsByTable) {
  const valid = fc.record(
    Object.fromEntries(op.queryParams.map((p) => [p.name, validValue(p.schema, ids.pool, p.name)])),
    { requiredKeys: op.queryParams.filter((p) => p.required).map((p) => p.name) },
  );
  const badParam =
    op.queryParams.length > 0
      ? fc
          .constantFrom(...op.queryParams)
          .chain((p) =>
            badValue(p.schema, ids.pool, p.name).map((v) => `${p.name}=${encodeText(asQueryText(v))}`),
          )
      : fc.constant("");
  const broken = fc.constantFrom(
    "colour=red",
    "limit=1&limit=2",
    "q=%ZZ",
    "q=%E0%A4%A",
    "cursor=%00",
    "cursor=%ED%A0%80",
    "cursor[a]=1",
    "%=%",
    "&&&",
    `cursor=${"c".repeat(600)}`,
  );
  return fc.tuple(valid, fc.oneof(badParam, broken, fc.constant(""))).map(([v, extra]) =>
    [
      Object.entries(v)
        .map(([k, value]) => `${k}=${encodeText(asQueryText(value))}`)
        .join("&"),
      extra,
    ]
      .filter(Boolean)
      .join("&"),
  );
}

const asQueryText = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));

/**
 * Percent-encodes text as a client would, except that a lone surrogate (which has no UTF-8) goes
 * out as the three bytes a careless encoder writes for it (WTF-8), which are not UTF-8.
 */
function encodeText(text: string): string {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g, (ch) => {
    const unit = ch.charCodeAt(0);
    if (ch.length === 2 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(ch);
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
      .map((b) => `%${b.toString(16).toUpperCase()}`)
      .join("");
  });
}

/** A body that is not what the operation takes, in some content type or none. */
function body(op: Operation, ids: IdsByTable) {
  const schema = op.body ?? { type: "object", properties: {}, additionalProperties: false };
  const json = fc.oneof(
    { weight: 6, arbitrary: badObject(schema, ids.pool).map((o) => ({ kind: "json:bad-field", value: o })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom<unknown>(null, [], "text", 42, true, [{}], { a: { b: { c: [] } } })
        .map((value) => ({ kind: "json:wrong-root", value })),
    },
  );
  const asJson = json.map(({ kind, value }) => ({
    kind,
    contentType: "application/json",
    payload: JSON.stringify(value) ?? "null",
  }));
  const malformedJson = validValue(schema, ids.pool).map((value) => {
    const text = JSON.stringify(value) ?? "{}";
    return {
      kind: "json:malformed",
      contentType: "application/json",
      payload: text.slice(0, Math.max(1, text.length - 1)),
    };
  });
  const boundary = "fuzzboundary";
  const multipart = fc.constantFrom(
    { kind: "multipart:no-boundary", contentType: "multipart/form-data", payload: "title=x" },
    {
      kind: "multipart:truncated",
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nhalf`,
    },
    {
      kind: "multipart:truncated-file",
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhal`,
    },
    {
      kind: "multipart:bad-headers",
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name=\r\nX-\0: \uD800\r\n\r\nv\r\n--${boundary}--\r\n`,
    },
    {
      kind: "multipart:garbage",
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: "\u0000\u0001garbage",
    },
    {
      kind: "multipart:unsafe-text",
      contentType: `multipart/form-data; boundary=${boundary}`,
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\na\u0000b\r\n--${boundary}--\r\n`,
    },
  );
  const other = fc.constantFrom(
    { kind: "type:text", contentType: "text/plain", payload: "title=x" },
    { kind: "type:xml", contentType: "application/xml", payload: "<case><title>x</title></case>" },
    {
      kind: "type:form",
      contentType: "application/x-www-form-urlencoded",
      payload: "title=%ZZ&x=%E0%A4%A&y=%00",
    },
    { kind: "type:none", contentType: "", payload: '{"title":"x"}' },
    { kind: "type:json-charset", contentType: "application/json; charset=latin1", payload: '{"title":"x"}' },
    { kind: "type:empty-json", contentType: "application/json", payload: "" },
    {
      kind: "type:deep-json",
      contentType: "application/json",
      payload: `${"[".repeat(5000)}${"]".repeat(5000)}`,
    },
  );
  return fc.oneof(
    { weight: 6, arbitrary: asJson },
    { weight: 1, arbitrary: malformedJson },
    { weight: 2, arbitrary: multipart },
    { weight: 1, arbitrary: other },
  );
}

export type Caller = { name: "admin"; token: string } | { name: "anonymous" };

/** Bad requests for one operation, sent as the caller. */
export function requestsFor(op: Operation, ids: IdsByTable, caller: Caller): fc.Arbitrary<FuzzRequest> {
  const segments = op.path.split("/").filter(Boolean);
  const pathArbs = segments.map((seg, i) => {
    const name = /^\{(\w+)\}$/.exec(seg)?.[1];
    if (!name) return fc.constant({ value: seg, kind: "" });
    const schema = op.pathParams.find((p) => p.name === name)?.schema ?? { type: "string" };
    return pathValue(segments[i - 1] ?? "", name, schema, ids);
  });
  const hasBody = op.method !== "GET" && op.method !== "DELETE";
  return fc
    .tuple(
      fc.tuple(...pathArbs),
      queryString(op, ids),
      hasBody ? body(op, ids) : fc.constant(null),
      fc.constantFrom("sv", "en"),
    )
    .map(([parts, query, b, lang]) => {
      const headers: Record<string, string> = { "accept-language": lang };
      if (caller.name === "admin") headers.authorization = `Bearer ${caller.token}`;
      if (b?.contentType) headers["content-type"] = b.contentType;
      const kinds = [...parts.map((p) => p.kind), query ? "query" : "", b?.kind ?? ""].filter(Boolean);
      return {
        operation: `${op.method} ${op.path}`,
        method: op.method,
        url: `/api/v1/${parts.map((p) => p.value).join("/")}${query ? `?${query}` : ""}`,
        headers,
        ...(b ? { payload: b.payload } : {}),
        kind: kinds.join(" "),
      };
    });
}
