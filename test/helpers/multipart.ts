import crypto from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { TestClient } from "./client.ts";

export interface FilePart {
  fileName: string;
  bytes: Buffer;
}

/** A multipart/form-data body written by hand, as a browser sends a form with a file input. */
export function multipartBody(fields: Record<string, string>, file: FilePart | null) {
  const boundary = `----kansli${crypto.randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  const part = (disposition: string, body: Buffer, type?: string) => {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ""}\r\n`,
        "utf8",
      ),
      body,
      Buffer.from("\r\n"),
    );
  };
  for (const [name, value] of Object.entries(fields))
    part(`form-data; name="${name}"`, Buffer.from(value, "utf8"));
  // No file chosen: browsers still send the part, with an empty name and no bytes.
  const f = file ?? { fileName: "", bytes: Buffer.alloc(0) };
  part(`form-data; name="file"; filename="${f.fileName}"`, f.bytes, "application/octet-stream");
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a page's multipart form as the signed-in client, with the CSRF token of its last page. */
export function uploadAs(app: FastifyInstance, client: TestClient, url: string, file: FilePart | null) {
  const { payload, contentType } = multipartBody({ _csrf: client.csrfToken }, file);
  return app.inject({
    method: "POST",
    url,
    remoteAddress: client.remoteAddress,
    headers: {
      cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "content-type": contentType,
    },
    payload,
  });
}
