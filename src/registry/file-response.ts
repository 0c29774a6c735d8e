import type { FastifyReply } from "fastify";
import type { Ctx } from "../platform/context.ts";
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
  const bytes = await ctx.files.get(file.sha256);
  return reply
    .type(file.mime)
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .header("x-sha256", file.sha256)
    .send(bytes);
}
