import type { FastifyReply } from "fastify";
import { FILE_TYPES } from "../../platform/files/file-type.ts";

/** Sends a Word file kansli has just written, as a download that no shared cache keeps. */
export const sendWord = (reply: FastifyReply, fileName: string, bytes: Buffer): FastifyReply =>
  reply
    .type(FILE_TYPES.docx.mime)
    .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(bytes);
