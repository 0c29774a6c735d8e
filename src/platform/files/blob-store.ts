import crypto from "node:crypto";

/**
 * Content-addressed storage of file bytes: a blob is named by the SHA-256 of its content, so the
 * same file uploaded twice is stored once and a name can never point at other bytes. The
 * interface speaks only of hashes (never paths), so an S3-compatible store can implement it too.
 */
export interface BlobStore {
  /** Stores the bytes (a no-op when the same content is already there) and names them. */
  put(bytes: Buffer): Promise<{ sha256: string; size: number }>;
  /** The bytes, verified against their name; throws BlobMissingError or BlobCorruptError. */
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  /** Removes the content (disposal); removing what is not there is not an error, so retries are harmless. */
  remove(sha256: string): Promise<void>;
  /** Whether the store can be read and written now (readiness): false when its folder is gone or closed to us. */
  reachable(): Promise<boolean>;
  /** Every blob in the store with when it was last put: the orphan sweep leaves young ones alone. */
  list(): AsyncIterable<StoredBlob>;
  /** Removes what puts that crashed half-way left behind, if older than `before`; how many. */
  removeLeftovers(before: Date): Promise<number>;
}

export interface StoredBlob {
  sha256: string;
  /** When the bytes were last put (a put of content already there counts as a put). */
  putAt: Date;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** True for a SHA-256 in the form blobs are named by: 64 lowercase hex digits, nothing else. */
export const isSha256 = (value: unknown): value is string =>
  typeof value === "string" && SHA256_HEX.test(value);

export const sha256Hex = (bytes: Buffer): string => crypto.createHash("sha256").update(bytes).digest("hex");

/** A blob name that is not 64 lowercase hex digits: refused before it can reach a path or key. */
export class InvalidSha256Error extends Error {
  override readonly name = "InvalidSha256Error";
  constructor(readonly value: string) {
    super(`Not a SHA-256 blob name: ${JSON.stringify(String(value).slice(0, 80))}`);
  }
}

export class BlobMissingError extends Error {
  override readonly name = "BlobMissingError";
  constructor(readonly sha256: string) {
    super(`Blob ${sha256} is missing from the store`);
  }
}

/** The stored bytes no longer hash to their name: damage on disk, never to be served as the document. */
export class BlobCorruptError extends Error {
  override readonly name = "BlobCorruptError";
  constructor(
    readonly sha256: string,
    readonly actualSha256: string,
  ) {
    super(`Blob ${sha256} is corrupt: its content hashes to ${actualSha256}`);
  }
}

export function assertSha256(value: string): void {
  if (!isSha256(value)) throw new InvalidSha256Error(value);
}
