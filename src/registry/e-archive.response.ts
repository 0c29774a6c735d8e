import fs from "node:fs";
import type { FastifyReply } from "fastify";
import type { ArchivePackage } from "./e-archive.service.ts";

/** Sends a finished package as a download and removes the temporary file once it has been sent. */
export function sendPackage(reply: FastifyReply, pkg: ArchivePackage): FastifyReply {
  const stream = fs.createReadStream(pkg.file);
  stream.on("close", () => {
    fs.promises.rm(pkg.file, { force: true }).catch(() => undefined);
  });
  return reply
    .type("application/zip")
    .header("content-disposition", `attachment; filename="${pkg.objId}.zip"`)
    .header("content-length", String(pkg.size))
    .header("cache-control", "private, no-store")
    .header("x-sha256", pkg.sha256)
    .send(stream);
}
