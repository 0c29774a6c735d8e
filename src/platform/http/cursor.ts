import type { z } from "zod";

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
