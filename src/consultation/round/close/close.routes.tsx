import type { FastifyInstance } from "fastify";
import { requireCan } from "../../../auth/index.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import { formFields } from "../../../web/forms.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { allRecipients, getConsultation } from "../consultation.service.ts";
import { requireRoundManager } from "../round-manager.ts";
import { roundFor } from "../round-title.ts";
import { closeConsultation } from "./close.command.ts";
import { earlyClosing } from "./close.rules.ts";
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
      const k = await getConsultation(ctx, req.params.id);
      const c = await requireRoundManager(ctx, actor, k.caseId);
      const waiting =
        k.status === "sent" ? earlyClosing(allRecipients(k), stockholmDate(ctx.clock.now())) : null;
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
