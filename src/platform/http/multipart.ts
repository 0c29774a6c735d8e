import multipart, { type FastifyMultipartOptions } from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { foldDateParts } from "./date-parts.ts";

export interface MultipartForm {
  fields: Record<string, string>;
  file: { fileName: string; bytes: Buffer } | null;
}

interface Part {
  type?: string;
  value?: unknown;
  filename?: string;
  _buf?: Buffer;
}

/**
 * The fields and the one file of a multipart form, as parsed into the body by
 * @fastify/multipart (attachFieldsToBody). A field sent twice keeps its first value.
 */
export function readMultipart(req: FastifyRequest, fileField = "file"): MultipartForm {
  const fields: Record<string, string> = {};
  let file: MultipartForm["file"] = null;
  for (const [name, raw] of Object.entries((req.body ?? {}) as Record<string, Part | Part[]>)) {
    const part = Array.isArray(raw) ? raw[0] : raw;
    if (!part) continue;
    if (part.type === "file") {
      if (name !== fileField) continue;
      const bytes = part._buf ?? Buffer.alloc(0);
      // A file input left empty sends a part with no name and no bytes: no file. Bytes whose name
      // came to nothing (busboy reduces ".." and "../" to "") are a file with an unusable name,
      // for the caller to refuse, never to drop silently.
      if (part.filename || bytes.length > 0) file = { fileName: part.filename ?? "", bytes };
    } else if (typeof part.value === "string") {
      fields[name] = part.value;
    }
  }
  return { fields: foldDateParts(fields), file };
}

/** Whether the request came as multipart/form-data (file uploads) rather than a plain form. */
export const isMultipart = (req: FastifyRequest) => req.isMultipart();

/** Requests whose multipart body is being read: an error then means the body itself is broken. */
const reading = new WeakSet<FastifyRequest>();

/**
 * @fastify/multipart, reading each form's fields and file into the body before the handler runs.
 * Its parser (busboy) fails with plain errors on a body without a boundary, a truncated body or a
 * broken part header; the hooks around it let the error handler tell those apart (400 malformed).
 */
export async function registerMultipartForms(
  app: FastifyInstance,
  limits: NonNullable<FastifyMultipartOptions["limits"]>,
): Promise<void> {
  app.addHook("preValidation", async (req) => {
    if (req.isMultipart()) reading.add(req);
  });
  await app.register(multipart, { attachFieldsToBody: true, limits });
  app.addHook("preValidation", async (req) => {
    reading.delete(req);
  });
}

/** Whether the request failed while its multipart body was being read. */
export const failedReadingMultipart = (req: FastifyRequest) => reading.has(req);
