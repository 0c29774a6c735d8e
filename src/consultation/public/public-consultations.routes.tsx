import type { FastifyInstance } from "fastify";
import { sendPage, viewFor } from "../../web/render.ts";
import { closedConsultations, publicConsultation } from "./public-consultations.ts";
import { PublicConsultationPage, PublicConsultationsPage } from "./views/PublicConsultationPage.tsx";

const LIST_LIMIT = 100;

/** Closed consultations in the public register, no login. */
export async function publicConsultationsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get("/offentlig/remisser", async (req, reply) =>
    sendPage(
      reply,
      <PublicConsultationsPage
        view={viewFor(req, reply)}
        items={await closedConsultations(ctx, LIST_LIMIT)}
      />,
    ),
  );

  app.get<{ Params: { id: string } }>("/offentlig/remisser/:id", async (req, reply) =>
    sendPage(
      reply,
      <PublicConsultationPage view={viewFor(req, reply)} k={await publicConsultation(ctx, req.params.id)} />,
    ),
  );
}
