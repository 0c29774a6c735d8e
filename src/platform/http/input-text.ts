import type { FieldError } from "../errors.ts";

/** A NUL character or a UTF-16 surrogate without its pair: never text a person meant to send. */
const UNSAFE_TEXT = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isUnsafeText = (value: string) => UNSAFE_TEXT.test(value);

/** A field name fit to echo back: its unsafe characters replaced by U+FFFD. */
const shown = (name: string) => name.replace(new RegExp(UNSAFE_TEXT.source, "g"), "\uFFFD");

interface MultipartPart {
  type: "field" | "file";
  value?: unknown;
  filename?: string;
}

/** A part that @fastify/multipart attached to the body (it refers back to all fields: do not walk it). */
const isPart = (value: unknown): value is MultipartPart =>
  typeof value === "object" &&
  value !== null &&
  "fieldname" in value &&
  ["field", "file"].includes((value as { type?: unknown }).type as string);

/**
 * Every text in a request's params, query and body (JSON, form or multipart) that holds a NUL or a
 * lone surrogate, named by its field path. Walked without recursion, so no nesting depth can overflow.
 */
export function unsafeTextFields(...inputs: unknown[]): FieldError[] {
  const found = new Set<string>();
  const stack: [string, unknown][] = inputs.map((input) => ["", input]);
  while (stack.length > 0) {
    const [path, value] = stack.pop() as [string, unknown];
    if (typeof value === "string") {
      if (isUnsafeText(value)) found.add(path);
    } else if (isPart(value)) {
      const text = value.type === "field" ? value.value : value.filename;
      if (typeof text === "string" && isUnsafeText(text)) found.add(path);
    } else if (typeof value === "object" && value !== null && !Buffer.isBuffer(value)) {
      for (const [key, item] of Object.entries(value)) {
        const name = path ? `${path}.${key}` : key;
        if (isUnsafeText(key)) found.add(shown(name));
        else stack.push([name, item]);
      }
    }
  }
  return [...found].sort().map((field) => ({ field, message: "validation.unsafe_text" }));
}
