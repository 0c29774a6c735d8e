import fc from "fast-check";

/** The part of JSON Schema (draft 2020-12, as zod writes it) that the OpenAPI document uses. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
}

/** Ids that exist in the database, so that requests get past "not found" to the checks behind it. */
export interface IdPool {
  any: string[];
}

const PLAIN = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzåäö ABCDEF0123456789-.,"),
  minLength: 1,
  maxLength: 30,
});

const isoDate = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** The schema's alternatives, with `null` left out when there is anything else. */
function alternatives(schema: JsonSchema): JsonSchema[] {
  const list = schema.anyOf ?? schema.oneOf;
  if (list) {
    const nonNull = list.filter((s) => s.type !== "null");
    return nonNull.length > 0 ? nonNull : list;
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== "null");
    return (types.length > 0 ? types : schema.type).map((type) => ({ ...schema, type }));
  }
  return [schema];
}

const looksLikeId = (name: string) => /(^id$|Id$|Ids$|_id$)/.test(name);

/** A value the schema accepts, or close to it (ids are taken from the database). */
export function validValue(schema: JsonSchema, ids: IdPool, name = ""): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alts = alternatives(schema);
  if (alts.length > 1) return fc.oneof(...alts.map((s) => validValue(s, ids, name)));
  const s = alts[0] ?? {};
  switch (s.type) {
    case "string": {
      if (s.format === "date" || /On$|Date$|^date$/.test(name)) return isoDate;
      if (s.format === "email") return fc.constant("fuzz@example.org");
      if (looksLikeId(name) && ids.any.length > 0) return fc.constantFrom(...ids.any);
      const max = Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 30, 30));
      return fc
        .string({ minLength: s.minLength ?? 1, maxLength: max })
        .map((v) => v.replace(/[\0\uD800-\uDFFF]/g, "x"));
    }
    case "integer":
    case "number":
      return fc.integer({ min: Math.ceil(s.minimum ?? -100), max: Math.floor(s.maximum ?? 1000) });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(validValue(s.items ?? {}, ids, name.replace(/s$/, "")), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 2, 2)),
      });
    case "object":
      return validObject(s, ids);
    default:
      return PLAIN;
  }
}

function validObject(schema: JsonSchema, ids: IdPool): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, s] of Object.entries(props)) model[key] = validValue(s, ids, key);
  return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in props) });
}

/** Control characters and broken UTF-16 that no text field may take. */
const UNSAFE_TEXT = fc.constantFrom(
  "a\u0000b",
  "\u0000",
  "\uD800",
  "x\uDFFFy",
  "\uDBFF\uDBFF",
  "ok\u0000\uD83D",
);

/** Dates that look right but do not exist, or are not dates at all. */
export const IMPOSSIBLE_DATES = [
  "2026-02-30",
  "2025-02-29",
  "2026-13-01",
  "2026-00-10",
  "2026-04-31",
  "2026-1-5",
  "30/02/2026",
  "99999-01-01",
  "2026-02-28T25:00:00",
  "",
];

/** A value of another JSON type than the schema asks for. */
const wrongType = (type: string | undefined): fc.Arbitrary<unknown> =>
  fc.constantFrom<unknown>(
    ...[
      type === "string" ? 12 : "text",
      type === "boolean" ? "true" : false,
      type === "object" ? [] : {},
      type === "array" ? { 0: "a" } : [1, "b"],
      null,
      type === "number" || type === "integer" ? "12" : 3.5,
    ],
  );

/** A value the schema refuses: wrong type, too long, out of range, impossible, unsafe text. */
export function badValue(schema: JsonSchema, ids: IdPool, name = ""): fc.Arbitrary<unknown> {
  const s = alternatives(schema)[0] ?? {};
  const type = typeof s.type === "string" ? s.type : undefined;
  const options: fc.Arbitrary<unknown>[] = [wrongType(type)];
  if (s.enum) options.push(fc.constantFrom("no-such-choice", "", "ÅÄÖ".repeat(3)));
  switch (type) {
    case "string": {
      const max = s.maxLength ?? 5000;
      options.push(
        fc.constantFrom("x".repeat(max + 1), "ö".repeat(max + 1), "€".repeat(20_000)),
        UNSAFE_TEXT,
      );
      if (s.format === "date" || /On$|Date$|^date$/.test(name))
        options.push(fc.constantFrom(...IMPOSSIBLE_DATES));
      if (s.format === "email") options.push(fc.constantFrom("not-an-address", "a@b", "@example.org"));
      if (looksLikeId(name))
        options.push(
          fc.constantFrom("00000000-0000-7000-8000-000000000000", "not an id", "../../etc/passwd"),
        );
      if ((s.minLength ?? 0) >= 1) options.push(fc.constant(""));
      break;
    }
    case "integer":
    case "number": {
      const out = [1e308, -1e308, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, 1e21];
      if (s.minimum !== undefined) out.push(s.minimum - 1, s.minimum - 0.5);
      if (s.maximum !== undefined) out.push(s.maximum + 1, s.maximum + 0.5);
      if (type === "integer") out.push(1.5);
      options.push(fc.constantFrom(...out));
      break;
    }
    case "array": {
      const items = s.items ?? {};
      options.push(
        fc.array(badValue(items, ids, name.replace(/s$/, "")), { minLength: 1, maxLength: 2 }),
        validValue(items, ids, name).map((item) =>
          Array.from({ length: (s.maxItems ?? 1000) + 1 }, () => item),
        ),
      );
      break;
    }
    case "object":
      options.push(badObject(s, ids));
      break;
  }
  return fc.oneof(...options);
}

/**
 * An object the schema refuses: every field valid but at least one bad (a wrong value, an unknown
 * field, a missing required one), sometimes several.
 */
export function badObject(schema: JsonSchema, ids: IdPool): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  const required = schema.required ?? [];
  return fc
    .tuple(
      validObject(schema, ids),
      fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      fc.constantFrom("extra", "__proto__", "constructor", "fältet", "x\u0000y"),
    )
    .chain(([base, picks, extraName]) => {
      const changes = picks.map((pick) => {
        const slot = props.length === 0 ? -1 : pick % (props.length + 2);
        const entry = props[slot];
        if (entry) return badValue(entry[1], ids, entry[0]).map((v) => ({ key: entry[0], value: v }));
        if (slot === props.length && required.length > 0)
          return fc.constant({
            key: required[pick % required.length] as string,
            value: undefined,
            drop: true,
          });
        return fc.constant({ key: extraName, value: "unexpected" });
      });
      return fc.tuple(...changes).map((list) => {
        const out: Record<string, unknown> = { ...base };
        for (const c of list) {
          if ("drop" in c) delete out[c.key];
          else
            Object.defineProperty(out, c.key, {
              value: c.value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
        }
        return out;
      });
    });
}
