import { z } from "zod";
import { type FieldError, ValidationError } from "./errors.ts";

/**
 * A value of the wrong type is named by what is wrong with it. Zod reports an issue's input only
 * to an error map (not in the issue it returns), so this runs as the global one: a missing or
 * empty value is to be filled in, "12,5" for a whole number is not whole, "hälften" is no number.
 * A schema's own `{ error: "some.key" }` still wins.
 */
z.config({
  customError: (issue) => {
    if (issue.code !== "invalid_type") return undefined;
    if (issue.input === undefined || issue.input === null || issue.input === "") return "validation.required";
    if (issue.expected === "int") return "validation.integer";
    if (issue.expected === "number") return "validation.number";
    return "validation.type";
  },
});

/**
 * Turns zod's issues into field errors whose messages are catalogue keys, so
 * every form and API answer reports all its errors, in the user's language.
 * Schemas may give their own key with `{ error: "some.key" }`.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push({ field: field ? `${field}.${key}` : key, message: "validation.unknown" });
      continue;
    }
    if (issue.message.includes(".") && !issue.message.includes(" ")) {
      out.push({ field, message: issue.message });
      continue;
    }
    out.push({ field, ...genericMessage(issue) });
  }
  return dedupe(out);
}

/**
 * The errors without repeats: the first of each field, the one that matters to the user; or, `per`
 * message, each field's different messages once (where every one says something of its own).
 */
export const dedupe = (errors: FieldError[], per: "field" | "message" = "field") =>
  errors.filter(
    (e, i) =>
      errors.findIndex((o) => o.field === e.field && (per === "field" || o.message === e.message)) === i,
  );

function genericMessage(issue: z.core.$ZodIssue): Omit<FieldError, "field"> {
  switch (issue.code) {
    case "invalid_type":
      return { message: "validation.required" };
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) === 1
          ? { message: "validation.required" }
          : { message: "validation.too_short", params: { min: Number(issue.minimum) } };
      }
      return { message: "validation.too_small", params: { min: Number(issue.minimum) } };
    case "too_big":
      return issue.origin === "string"
        ? { message: "validation.too_long", params: { max: Number(issue.maximum) } }
        : { message: "validation.too_big", params: { max: Number(issue.maximum) } };
    case "invalid_format":
      return { message: issue.format === "email" ? "validation.email" : "validation.format" };
    case "invalid_value":
      return { message: "validation.choice" };
    default:
      return { message: "validation.invalid" };
  }
}

/** Parses input or throws a ValidationError carrying every field's problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrors(result.error.issues));
  return result.data;
}

/** Empty form fields arrive as "": treat them as absent. */
/**
 * The name a field is known by elsewhere, from a renaming table. Only the table's own keys count:
 * a field a client calls "constructor" or "toString" is not a name every object inherits.
 */
export const renamed = <T extends string>(
  table: Readonly<Record<string, T>>,
  field: string,
): T | undefined => (Object.hasOwn(table, field) ? table[field] : undefined);

export const blankToUndefined = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** Whether a value (a form field, a query parameter) is one of `choices`: narrows it to their union without a cast. */
export const isOneOf = <T extends string>(choices: readonly T[], value: unknown): value is T =>
  choices.some((choice) => choice === value);

/**
 * A page's form or query read with its schema, as `apiRoute` reads a request: blank fields are
 * absent, and every field's problem comes back at once, in the API's error shape (the page shows
 * them with 422).
 */
export function readForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { data: z.output<S>; errors: [] } | { data: undefined; errors: FieldError[] } {
  const given = Object.entries((input ?? {}) as Record<string, unknown>).filter(
    ([, v]) => blankToUndefined(v) !== undefined,
  );
  const result = schema.safeParse(Object.fromEntries(given));
  return result.success
    ? { data: result.data, errors: [] }
    : { data: undefined, errors: fieldErrors(result.error.issues) };
}
