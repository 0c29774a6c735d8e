import crypto from "node:crypto";

/** A new opaque identifier for a row. */
export const newId = (): string => crypto.randomUUID();

/** An unguessable secret for a cookie, link or token (256 bits, URL-safe). */
export const newSecret = (): string => crypto.randomBytes(32).toString("base64url");

/** Secrets are stored only as this digest, so a database copy leaks no usable credential. */
export const digest = (secret: string): string => crypto.createHash("sha256").update(secret).digest("hex");
