import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../../../auth/index.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { formFields, handleForm } from "../../../web/forms.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { bodyOf } from "../body-access.ts";
import { assessAnswer } from "../compile/assessment.command.ts";
import { decideExtension } from "../extension/extension.command.ts";
import { extensionsOf } from "../extension/extension.store.ts";
import { remindBody } from "../reminder/reminder.command.ts";
import { type ExtensionRow, RecipientPage } from "./views/RecipientPage.tsx";

type BodyParams = { Params: { id: string; rid: string } };

/** The officer's page for one body of a round, with its steps: deciding an extension, a reminder, assessing the answer. */
export async function recipientRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const showBody = async (
    req: FastifyRequest<BodyParams>,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const actor = requireCan(req, "consultation.manage");
    const access = await bodyOf(ctx, actor, req.params.id, req.params.rid);
    const extensions = await extensionsOf(ctx.db, req.params.rid);
    return sendPage(
      reply,
      <RecipientPage
        view={viewFor(req, reply)}
        consultation={access.consultation}
        recipient={access.recipient}
        extensions={extensions.map(
          (x): ExtensionRow => ({
            requestedUntil: x.requested_until,
            reason: x.reason,
            requestedAt: x.requested_at,
            status: x.status,
            grantedUntil: x.granted_until,
            decisionComment: x.decision_comment,
          }),
        )}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get<BodyParams>("/remisser/:id/mottagare/:rid", (req, reply) => showBody(req, reply, {}, []));

  const STEPS = {
    anstand: decideExtension,
    bedomning: assessAnswer,
  } as const;
  for (const [path, step] of Object.entries(STEPS)) {
    app.post<BodyParams>(`/remisser/:id/mottagare/:rid/${path}`, async (req, reply) => {
      const actor = requireCan(req, "consultation.manage");
      const input = formFields(req.body);
      return handleForm(
        () => step(ctx, actor, req.params.id, req.params.rid, input),
        () => reply.redirect(`/remisser/${req.params.id}/mottagare/${req.params.rid}`, 303),
        (errors) => showBody(req, reply, input, errors),
      );
    });
  }

  app.post<BodyParams>("/remisser/:id/mottagare/:rid/paminn", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    await remindBody(ctx, actor, req.params.id, req.params.rid);
    return reply.redirect(`/remisser/${req.params.id}/mottagare/${req.params.rid}`, 303);
  });
}
