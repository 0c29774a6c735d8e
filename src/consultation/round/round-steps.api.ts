import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import { ConflictError, NotFoundError } from "../../platform/errors.ts";
import { apiFileRoute, apiRoute } from "../../platform/http/api-route.ts";
import { readMultipart } from "../../platform/http/multipart.ts";
import { answerConsultation, declineConsultation } from "./answer/answer.command.ts";
import { answerInputSchema, declineInputSchema } from "./answer/answer.rules.ts";
import { accessForUser } from "./body-access.ts";
import { closeConsultation, closingEarly } from "./close/close.command.ts";
import { assessAnswer, assessmentSchema } from "./compile/assessment.command.ts";
import { compilationWord, registerCompilation } from "./compile/compile.command.ts";
import type { ConsultationDetails } from "./consultation.model.ts";
import { getConsultation } from "./consultation.service.ts";
import { decideExtension, requestExtension } from "./extension/extension.command.ts";
import { extensionDecisionSchema, extensionRequestSchema } from "./extension/extension.rules.ts";
import { remindBody } from "./reminder/reminder.command.ts";
import { roundAsSeen } from "./round-title.ts";
import { sendConsultation } from "./send/send.command.ts";
import { sendWord } from "./word-response.ts";

const idParams = z.strictObject({ id: z.string().max(100) });
const bodyParams = z.strictObject({ id: z.string().max(100), rid: z.string().max(100) });
const noBody = z.strictObject({});

/**
 * The round's steps in the API. Each answers the consultation with every body's state; a step
 * the status does not allow answers 409 naming the allowed ones.
 */
export function consultationStepsApi<R extends z.ZodType>(
  app: FastifyInstance,
  response: R,
  asJson: (k: ConsultationDetails) => z.input<R>,
) {
  const { ctx } = app;
  /** The round as it stands after a step, as the requester may see it. */
  const current = async (req: FastifyRequest, id: string) =>
    asJson(await roundAsSeen(ctx, req.actor, await getConsultation(ctx, id)));
  const manager = (req: FastifyRequest) => requireCan(req, "consultation.manage");
  /** A body's own step: its unit's remissinstans, or registry staff for an answer that came by post. */
  const body = async (req: FastifyRequest, p: z.output<typeof bodyParams>) => {
    const actor = requireCan(req, "case.view");
    const access = await accessForUser(ctx, actor, p.rid);
    if (access.consultation.id !== p.id) throw new NotFoundError();
    return { actor, access };
  };
  /** A step of the whole round, by the officer: answers the round as it stands after it. */
  const roundStep = (
    path: string,
    summary: string,
    step: (by: ReturnType<typeof manager>, id: string) => Promise<unknown>,
    status = 200,
  ) =>
    apiRoute(app, {
      method: "POST",
      path: `/consultations/:id/${path}`,
      summary,
      tag: "consultation",
      access: manager,
      params: idParams,
      body: noBody,
      response,
      status,
      handler: async (req, { params }) => {
        await step(manager(req), params.id);
        return current(req, params.id);
      },
    });
  const officerStep = (
    path: string,
    summary: string,
    schema: z.ZodType,
    step: (by: ReturnType<typeof manager>, id: string, rid: string, input: unknown) => Promise<unknown>,
  ) =>
    apiRoute(app, {
      method: "POST",
      path: `/consultations/:id/recipients/:rid/${path}`,
      summary,
      tag: "consultation",
      access: manager,
      params: bodyParams,
      body: schema,
      bodyCheckedBy: "service",
      response,
      handler: async (req, { params, body: input }) => {
        await step(manager(req), params.id, params.rid, input);
        return current(req, params.id);
      },
    });

  roundStep(
    "send",
    "Send a draft: cover letter and distribution list registered, each body mailed its personal link",
    (by, id) => sendConsultation(ctx, by, id),
  );

  apiRoute(app, {
    method: "POST",
    path: "/consultations/:id/recipients/:rid/answer",
    summary:
      "A body's answer: multipart/form-data with one `file` (.docx, .pdf, .odt), or `text`; registered as an incoming document",
    tag: "consultation",
    access: (req) => requireCan(req, "case.view"),
    params: bodyParams,
    body: answerInputSchema,
    bodyCheckedBy: "service",
    acceptsUpload: true,
    response,
    status: 201,
    handler: async (req, { params }) => {
      const { actor, access } = await body(req, params);
      const { fields, file } = req.isMultipart()
        ? readMultipart(req)
        : { fields: (req.body ?? {}) as Record<string, string>, file: null };
      await answerConsultation(ctx, actor, access, fields, file);
      return current(req, params.id);
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/consultations/:id/recipients/:rid/extension",
    summary: "A body asks for more time (`until`, `reason`); the officer decides with .../extension/decision",
    tag: "consultation",
    access: (req) => requireCan(req, "case.view"),
    params: bodyParams,
    body: extensionRequestSchema,
    bodyCheckedBy: "service",
    response,
    handler: async (req, { params, body: input }) => {
      const { actor, access } = await body(req, params);
      await requestExtension(ctx, actor, access, input);
      return current(req, params.id);
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/consultations/:id/recipients/:rid/decline",
    summary: "A body declines to answer (avstår) with a `comment`",
    tag: "consultation",
    access: (req) => requireCan(req, "case.view"),
    params: bodyParams,
    body: declineInputSchema,
    bodyCheckedBy: "service",
    response,
    handler: async (req, { params, body: input }) => {
      const { actor, access } = await body(req, params);
      await declineConsultation(ctx, actor, access, input);
      return current(req, params.id);
    },
  });

  officerStep(
    "extension/decision",
    "Grant a body its own later deadline or refuse (with a `comment`); registered and mailed",
    extensionDecisionSchema,
    (by, id, rid, input) => decideExtension(ctx, by, id, rid, input),
  );
  officerStep("remind", "Send a body a reminder now", noBody, (by, id, rid) => remindBody(ctx, by, id, rid));
  officerStep(
    "assessment",
    "The officer's `summary` of an answer and the body's `position`, for the compilation",
    assessmentSchema,
    (by, id, rid, input) => assessAnswer(ctx, by, id, rid, input),
  );

  apiRoute(app, {
    method: "POST",
    path: "/consultations/:id/close",
    summary:
      "Close a sent consultation: no more answers; its answers enter the public register. Closing while a body without a reply still has time (the deadline or its extension) needs `early: true`; without it the answer is 409 naming those bodies",
    tag: "consultation",
    access: manager,
    params: idParams,
    body: z.strictObject({ early: z.boolean().optional() }),
    response,
    handler: async (req, { params, body: input }) => {
      const by = manager(req);
      const { waiting } = await closingEarly(ctx, by, params.id);
      if (waiting && input.early !== true)
        throw new ConflictError(
          "closing early: bodies without a reply still have time",
          ["close"],
          [
            {
              field: "early",
              message: "round.close_early",
              params: { bodies: waiting.map((b) => b.name).join(", ") },
            },
          ],
        );
      await closeConsultation(ctx, by, params.id);
      return current(req, params.id);
    },
  });
  roundStep(
    "compilation",
    "Register the compilation of answers as an internal document of the case",
    (by, id) => registerCompilation(ctx, by, id),
    201,
  );

  apiFileRoute(app, {
    path: "/consultations/:id/compilation.docx",
    summary: "The compilation of answers as a Word file, grouped as the distribution list",
    tag: "consultation",
    params: idParams,
    handler: async (req, reply) => {
      const by = manager(req);
      const { id } = req.params as { id: string };
      return sendWord(reply, "sammanstallning-remissvar.docx", await compilationWord(ctx, by, id));
    },
  });
}
