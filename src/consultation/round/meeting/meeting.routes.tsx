import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../../../auth/index.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { formFields, handleForm } from "../../../web/forms.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { getConsultation } from "../consultation.service.ts";
import { requireRoundManager } from "../round-manager.ts";
import { roundFor } from "../round-title.ts";
import { inviteToMeeting } from "./meeting.command.ts";
import { MeetingPage } from "./views/MeetingPage.tsx";

type Params = { Params: { id: string } };

/** Calling a round's bodies to a consultation meeting: the form, then the registered invitation. */
export async function meetingRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const show = async (
    req: FastifyRequest<Params>,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const actor = requireCan(req, "consultation.manage");
    const k = await getConsultation(ctx, req.params.id);
    const c = await requireRoundManager(ctx, actor, k.caseId);
    return sendPage(
      reply,
      <MeetingPage
        view={viewFor(req, reply)}
        consultation={roundFor(actor, k, c)}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get<Params>("/remisser/:id/remissmote", (req, reply) => show(req, reply, {}, []));

  app.post<Params>("/remisser/:id/remissmote", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    const input = formFields(req.body);
    return handleForm(
      () => inviteToMeeting(ctx, actor, req.params.id, input),
      (doc) => reply.redirect(`/handlingar/${doc.id}`, 303),
      (errors) => show(req, reply, input, errors),
    );
  });
}
