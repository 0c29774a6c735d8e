import type { z } from "zod";
import { ValidationError } from "../errors.ts";

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. */
export const encodeCursor = (key: unknown): string => Buffer.from(JSON.stringify(key)).toString("base64url");

/** The sort key in a cursor, or null when the cursor is not one of ours. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The sort key a list query's cursor names (none for the first page); a forged cursor is a field error. */
export function cursorKey<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!cursor) return undefined;
  const key = decodeCursor(cursor, schema);
  if (key === null) throw new ValidationError([{ field: "cursor", message: "validation.cursor" }]);
  return key;
}

/**
 * One page of rows read with one more than `limit`: the first `limit` rows, and the cursor of the
 * next page when that extra row shows there is one.
 */
export function pageOf<R>(rows: R[], limit: number, keyOf: (last: R) => unknown) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
