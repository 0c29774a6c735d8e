import type { FastifyInstance } from "fastify";
import { requireCan } from "../../../auth/index.ts";
import { formFields } from "../../../web/forms.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { roundFor } from "../round-title.ts";
import { closeConsultation, closingEarly } from "./close.command.ts";
import { CloseConfirmPage } from "./views/CloseConfirmPage.tsx";

type Params = { Params: { id: string } };

/**
 * Closing a round by hand, from its page. Closing while a body without a reply still has time
 * (the round's deadline or its own extension has not run out) first shows a confirmation page
 * naming those bodies; its button posts again with `confirm=yes`. No script is needed.
 */
export async function closeRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.post<Params>("/remisser/:id/avsluta", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    if (formFields(req.body).confirm !== "yes") {
      const { k, c, waiting } = await closingEarly(ctx, actor, req.params.id);
      if (waiting)
        return sendPage(
          reply,
          <CloseConfirmPage
            view={viewFor(req, reply)}
            consultation={roundFor(actor, k, c)}
            waiting={waiting}
          />,
        );
    }
    await closeConsultation(ctx, actor, req.params.id);
    return reply.redirect(`/remisser/${req.params.id}`, 303);
  });
}
