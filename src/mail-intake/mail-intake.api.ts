import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../auth/index.ts";
import { apiRoute } from "../platform/http/api-route.ts";
import { nameApiSchemas } from "../platform/http/openapi.ts";
import { fileReceivedMail } from "./filing.service.ts";
import { fileInputSchema, MAIL_STATUSES, QUEUE_REASONS } from "./received-mail.model.ts";
import { mailQueue } from "./received-mail.service.ts";

const receivedMailOut = z.object({
  id: z.string(),
  messageId: z.string().nullable(),
  receivedAt: z.string(),
  fromAddress: z.string().nullable(),
  fromName: z.string().nullable(),
  subject: z.string(),
  bodyText: z.string(),
  emlSha256: z.string(),
  emlSize: z.number(),
  attachments: z.array(
    z.object({ fileName: z.string(), sha256: z.string(), size: z.number(), mime: z.string() }),
  ),
  authentication: z.object({
    spf: z.string().nullable(),
    dkim: z.string().nullable(),
    dmarc: z.string().nullable(),
  }),
  status: z.enum(MAIL_STATUSES),
  queueReason: z.enum(QUEUE_REASONS).nullable(),
  filedAt: z.string().nullable(),
  documentId: z.string().nullable(),
  notPublicReason: z.string().nullable(),
  intakeError: z.string().nullable(),
});
nameApiSchemas({ ReceivedMail: receivedMailOut });

/** The received-mail queue over the API (issue 22, item 4). */
export async function mailIntakeApi(app: FastifyInstance) {
  const { ctx } = app;
  const tag = "mail intake";

  apiRoute(app, {
    method: "GET",
    path: "/mail-intake",
    summary:
      "The received-mail queue: messages the registry's mailbox could not register on their own, oldest first",
    tag,
    access: (req) => requireCan(req, "mail_intake.handle"),
    response: z.object({ items: z.array(receivedMailOut) }),
    handler: async () => ({ items: await mailQueue(ctx) }),
  });

  apiRoute(app, {
    method: "POST",
    path: "/mail-intake/:id/file",
    summary:
      "File a queued message: as a body's answer (recipientId, attachment), as an incoming document of a case (diaryNumber, description, documentAttachment?) or as not a public record (reason)",
    tag,
    access: (req) => requireCan(req, "mail_intake.handle"),
    params: z.strictObject({ id: z.string().max(100) }),
    body: fileInputSchema,
    bodyCheckedBy: "service",
    response: receivedMailOut,
    handler: async (req, { params, body }) =>
      fileReceivedMail(ctx, requireCan(req, "mail_intake.handle"), params.id, body),
  });
}
