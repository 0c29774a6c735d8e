import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import { apiRoute } from "../../platform/http/api-route.ts";
import { nameApiSchemas } from "../../platform/http/openapi.ts";
import { appointmentSchema, networkMessageSchema } from "./network.model.ts";
import { appointContact, listNetwork, sendNetworkMessage } from "./network.service.ts";

const contactSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  appointedOn: z.string(),
  appointedBy: z.string(),
});
nameApiSchemas({ ContactPerson: contactSchema });

export async function networkApi(app: FastifyInstance) {
  const { ctx } = app;

  apiRoute(app, {
    method: "GET",
    path: "/contact-network",
    summary: "Every administration and company with its international contact person (null: none appointed)",
    tag: "engagement follow-up",
    access: (req) => requireCan(req, "followup.view"),
    response: z.object({
      items: z.array(
        z.object({ unitId: z.string(), unitName: z.string(), contact: contactSchema.nullable() }),
      ),
    }),
    handler: async () => ({ items: await listNetwork(ctx) }),
  });

  apiRoute(app, {
    method: "POST",
    path: "/contact-network/appointments",
    summary:
      "Record the contact person a unit's head appointed: a user account with the kontaktperson role for its unit; the previous appointment ends that day",
    tag: "engagement follow-up",
    access: (req) => requireCan(req, "contact_network.manage"),
    body: appointmentSchema,
    bodyCheckedBy: "service",
    response: contactSchema,
    status: 201,
    handler: async (req, { body }) => appointContact(ctx, requireCan(req, "contact_network.manage"), body),
  });

  apiRoute(app, {
    method: "POST",
    path: "/contact-network/messages",
    summary:
      "Send a message to every contact person; registered as an outgoing document in the open case named",
    tag: "engagement follow-up",
    access: (req) => requireCan(req, "contact_network.manage"),
    body: networkMessageSchema,
    bodyCheckedBy: "service",
    response: z.object({
      id: z.string(),
      documentId: z.string(),
      caseId: z.string(),
      recipients: z.number(),
    }),
    status: 201,
    handler: async (req, { body }) =>
      sendNetworkMessage(ctx, requireCan(req, "contact_network.manage"), body),
  });
}
