import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import { ValidationError } from "../../platform/errors.ts";
import { apiRoute, listQuery, listResponse } from "../../platform/http/api-route.ts";
import { cursorKey, pageOf } from "../../platform/http/cursor.ts";
import { nameApiSchemas } from "../../platform/http/openapi.ts";
import {
  CONSULTATION_STATUSES,
  type Consultation,
  type ConsultationDetails,
  LIST_GROUPS,
  POSITIONS,
  RECIPIENT_STATES,
} from "./consultation.model.ts";
import { consultationWarnings, getConsultation, listConsultations } from "./consultation.service.ts";
import type { DeadlineWarning } from "./deadlines.ts";
import { createConsultation } from "./draft/draft.command.ts";
import { consultationInputSchema } from "./draft/draft.rules.ts";
import { consultationStepsApi } from "./round-steps.api.ts";
import { roundAsSeen } from "./round-title.ts";

const consultationSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  title: z.string(),
  status: z.enum(CONSULTATION_STATUSES),
  deadline: z.string(),
  sentOn: z.string().nullable(),
  instructions: z.string(),
  officerId: z.string(),
  contact: z.string().nullable(),
  createdAt: z.string(),
  closedOn: z.string().nullable(),
  missivDocumentId: z.string().nullable(),
  listDocumentId: z.string().nullable(),
  compilationDocumentId: z.string().nullable(),
});
const warningSchema = z.union([
  z.object({ code: z.literal("shorter_than_minimum"), weeks: z.number(), minimumWeeks: z.number() }),
  z.object({ code: z.literal("spans_july"), julyDays: z.number() }),
]);
const detailsSchema = consultationSchema.extend({
  documentIds: z.array(z.string()),
  recipients: z.array(
    z.object({
      id: z.string(),
      unitId: z.string().nullable(),
      name: z.string(),
      email: z.string().nullable(),
      group: z.enum(LIST_GROUPS),
      state: z.enum(RECIPIENT_STATES),
      /** The deadline that applies to the body: its own after a granted extension. */
      deadline: z.string(),
      extended: z.boolean(),
      sentAt: z.string().nullable(),
      openedAt: z.string().nullable(),
      answeredOn: z.string().nullable(),
      answerDocumentId: z.string().nullable(),
      declinedOn: z.string().nullable(),
      declineComment: z.string().nullable(),
      summary: z.string().nullable(),
      position: z.enum(POSITIONS).nullable(),
    }),
  ),
  /** The deadline's advice (short time, July); it does not block. */
  warnings: z.array(warningSchema),
});
nameApiSchemas({
  Consultation: consultationSchema,
  DeadlineWarning: warningSchema,
  ConsultationDetails: detailsSchema,
});
const cursorSchema = z.object({ createdAt: z.string(), id: z.string() });

const plain = ({ documentIds: _d, recipients: _r, ...k }: Consultation & Partial<ConsultationDetails>) => k;
const asJson = (k: ConsultationDetails, warnings: DeadlineWarning[]) => ({
  ...plain(k),
  documentIds: k.documentIds,
  recipients: LIST_GROUPS.flatMap((g) => k.recipients[g]),
  warnings,
});

export async function consultationsApi(app: FastifyInstance) {
  const { ctx } = app;

  apiRoute(app, {
    method: "GET",
    path: "/consultations",
    summary: "Consultations, newest first; of one case with `caseId`",
    tag: "consultation",
    access: (req) => requireCan(req, "consultation.view"),
    query: z.strictObject({ ...listQuery, caseId: z.string().max(100).optional() }),
    response: listResponse(consultationSchema),
    handler: async (req, { query }) => {
      const after = cursorKey(query.cursor, cursorSchema);
      const rows = await listConsultations(ctx, { caseId: query.caseId, after, limit: query.limit + 1 });
      const { items, nextCursor } = pageOf(rows, query.limit, (k) => ({ createdAt: k.createdAt, id: k.id }));
      return {
        items: await Promise.all(items.map(async (k) => plain(await roundAsSeen(ctx, req.actor, k)))),
        nextCursor,
      };
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/consultations",
    summary: "Create a draft consultation of an open case, with its distribution list and material",
    tag: "consultation",
    access: (req) => requireCan(req, "consultation.manage"),
    body: consultationInputSchema.extend({ caseId: z.string().max(100) }),
    bodyCheckedBy: "service",
    response: detailsSchema,
    status: 201,
    handler: async (req, { body }) => {
      const actor = requireCan(req, "consultation.manage");
      const { caseId, ...input } = (body ?? {}) as Record<string, unknown>;
      if (typeof caseId !== "string" || caseId === "")
        throw new ValidationError([{ field: "caseId", message: "validation.required" }]);
      const { consultation, warnings } = await createConsultation(ctx, actor, caseId, input);
      return asJson(await roundAsSeen(ctx, actor, consultation), warnings);
    },
  });

  apiRoute(app, {
    method: "GET",
    path: "/consultations/:id",
    summary: "A consultation with each body on its distribution list and the body's state",
    tag: "consultation",
    access: (req) => requireCan(req, "consultation.view"),
    params: z.strictObject({ id: z.string().max(100) }),
    response: detailsSchema,
    handler: async (req, { params }) => {
      const k = await roundAsSeen(ctx, req.actor, await getConsultation(ctx, params.id));
      return asJson(k, k.status === "draft" ? consultationWarnings(ctx, k) : []);
    },
  });

  consultationStepsApi(app, detailsSchema, (k) => asJson(k, []));
}
