import type { FastifyInstance } from "fastify";
import { requireCan } from "../../../auth/index.ts";
import { closeConsultation } from "./close.command.ts";

type Params = { Params: { id: string } };

/** Closing a round by hand, from its page. */
export async function closeRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.post<Params>("/remisser/:id/avsluta", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    await closeConsultation(ctx, actor, req.params.id);
    return reply.redirect(`/remisser/${req.params.id}`, 303);
  });
}
