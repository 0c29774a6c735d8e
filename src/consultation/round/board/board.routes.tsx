import type { FastifyInstance } from "fastify";
import { actorViewFor, findUserById, requireCan } from "../../../auth/index.ts";
import { caseTitleFor, getCase, getCaseDocuments } from "../../../registry/index.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { consultationWarnings, getConsultation, listConsultations } from "../consultation.service.ts";
import { materialFor } from "../material.ts";
import { roundFor } from "../round-title.ts";
import { boardCounts, parseBoardFilter } from "./board-filter.ts";
import { deadlineIcs } from "./deadline-ics.ts";
import { ConsultationPage } from "./views/ConsultationPage.tsx";
import { ConsultationsPage } from "./views/ConsultationsPage.tsx";

type Params = { Params: { id: string } };

/** The list page shows this many, newest first. */
const LIST_LIMIT = 200;

/** The rounds: the list, one round with its tracking board (who is where, who is late), and its deadline as a calendar event. */
export async function boardRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get<{ Params: { id: string }; Querystring: { state?: string } }>(
    "/remisser/:id",
    async (req, reply) => {
      const actor = requireCan(req, "consultation.view");
      const consultation = await getConsultation(ctx, req.params.id);
      const [c, documents, officer] = await Promise.all([
        getCase(ctx, consultation.caseId),
        getCaseDocuments(ctx, consultation.caseId),
        findUserById(ctx.db, ctx.config.tenantId, consultation.officerId),
      ]);
      return sendPage(
        reply,
        <ConsultationPage
          view={actorViewFor(req, reply)}
          consultation={roundFor(actor, consultation, c)}
          c={c}
          caseTitle={caseTitleFor(actor, c)}
          officer={officer?.display_name ?? ""}
          material={materialFor(
            actor,
            c,
            documents.filter((d) => consultation.documentIds.includes(d.id)),
          )}
          warnings={consultation.status === "draft" ? consultationWarnings(ctx, consultation) : []}
          filter={parseBoardFilter(req.query.state)}
          counts={boardCounts(consultation)}
        />,
      );
    },
  );

  app.get("/remisser", async (req, reply) => {
    const actor = requireCan(req, "consultation.view");
    const consultations = await listConsultations(ctx, { limit: LIST_LIMIT });
    const caseIds = [...new Set(consultations.map((k) => k.caseId))];
    const cases = new Map((await Promise.all(caseIds.map((id) => getCase(ctx, id)))).map((c) => [c.id, c]));
    const diaryNumbers = new Map([...cases.values()].map((c) => [c.id, c.diaryNumber]));
    return sendPage(
      reply,
      <ConsultationsPage
        view={viewFor(req, reply)}
        consultations={consultations.flatMap((k) => {
          const c = cases.get(k.caseId);
          return c ? [roundFor(actor, k, c)] : [];
        })}
        diaryNumbers={diaryNumbers}
      />,
    );
  });

  app.get<Params>("/remisser/:id/sista-svarsdag.ics", async (req, reply) => {
    const actor = requireCan(req, "consultation.view");
    const round = await getConsultation(ctx, req.params.id);
    const k = roundFor(actor, round, await getCase(ctx, round.caseId));
    const url = `${ctx.config.publicUrl}/remisser/${k.id}`;
    return reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", 'attachment; filename="sista-svarsdag.ics"')
      .header("cache-control", "private, no-store")
      .send(
        deadlineIcs({
          uid: `${k.id}@kansli`,
          date: k.deadline,
          summary: req.t("round.ics_summary", { title: k.title }),
          description: url,
          url,
          stamp: ctx.clock.now(),
        }),
      );
  });
}
