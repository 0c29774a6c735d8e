import type { FastifyReply, FastifyRequest } from "fastify";
import { Layout } from "../web/Layout.tsx";
import { sendPage, viewFor } from "../web/render.ts";

export interface Disposal {
  reference: string;
  /** The civil date it was disposed of. */
  on: string;
}

/**
 * The answer to a download of a disposed file version: 410 Gone, naming the decision and the date,
 * as the API's error body or as a page with the way back to the document's register entry.
 */
export function sendDisposedFile(
  req: FastifyRequest,
  reply: FastifyReply,
  documentId: string,
  disposal: Disposal,
): Promise<FastifyReply> | FastifyReply {
  const message = req.t("disposal.file_disposed", { date: disposal.on, reference: disposal.reference });
  if (req.url.startsWith("/api/"))
    return reply.code(410).send({ error: { code: "disposed", message, fields: [] } });
  const view = viewFor(req, reply);
  return sendPage(
    reply,
    <Layout view={view} title={view.t("disposal.gone_title")}>
      <h1 safe>{view.t("disposal.gone_title")}</h1>
      <p safe>{message}</p>
      <p safe>{view.t("disposal.gone_text")}</p>
      <p>
        <a href={`/handlingar/${documentId}`} safe>
          {view.t("disposal.back_to_document")}
        </a>
      </p>
    </Layout>,
    410,
  );
}
