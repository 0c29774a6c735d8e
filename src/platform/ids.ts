import crypto from "node:crypto";

let lastMs = 0;
let sequence = 0;

/**
 * A new identifier for a row: a UUID version 7 (RFC 9562), which begins with the time in
 * milliseconds. Rows are added at the end of their indexes instead of at random places, which
 * at a million cases makes bulk loads several times faster and each insert touch fewer pages.
 * Within a millisecond a 12-bit counter (from a random start) keeps the ids of one process in the
 * order they were made; 62 random bits keep an id unguessable. The time it shows is no secret:
 * a record's registration date is public.
 */
export function newId(): string {
  const bytes = crypto.randomBytes(16);
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // Half the counter's range, so a busy millisecond rarely runs out of it.
    sequence = bytes.readUInt16BE(6) & 0x7ff;
  } else if (++sequence > 0xfff) {
    // Out of ids in this millisecond (or the clock went back): borrow the next one.
    lastMs += 1;
    sequence = 0;
  }
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An unguessable secret for a cookie, link or token (256 bits, URL-safe). */
export const newSecret = (): string => crypto.randomBytes(32).toString("base64url");

/** Secrets are stored only as this digest, so a database copy leaks no usable credential. */
export const digest = (secret: string): string => crypto.createHash("sha256").update(secret).digest("hex");
