import type { FastifyReply } from "fastify";
import type { Ctx } from "../platform/context.ts";
import { AppError } from "../platform/errors.ts";
import { BlobCorruptError, BlobMissingError } from "../platform/files/blob-store.ts";
import type { FileRow } from "./documents.store.ts";

/**
 * Sends a stored file as a download: read back through the store (which checks it against its
 * SHA-256), never rendered by the browser, never cached by shared caches.
 */
export async function sendStoredFile(
  ctx: Ctx,
  reply: FastifyReply,
  file: Pick<FileRow, "sha256" | "mime" | "file_name">,
): Promise<FastifyReply> {
  const bytes = await readStoredFile(ctx, file.sha256);
  return reply
    .type(file.mime)
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .header("x-sha256", file.sha256)
    .send(bytes);
}

/**
 * The bytes, or, when the store has lost or damaged them (a restore without files, a disk
 * fault), a 503 that tells the reader whom to contact, logged as an error for IT.
 */
async function readStoredFile(ctx: Ctx, sha256: string): Promise<Buffer> {
  try {
    return await ctx.files.get(sha256);
  } catch (error) {
    if (!(error instanceof BlobMissingError || error instanceof BlobCorruptError)) throw error;
    throw new AppError(503, "file_missing", error.message, [{ field: "", message: "error.file_missing" }]);
  }
}
