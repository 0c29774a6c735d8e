import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../../../auth/guards.ts";
import { findUserById, listUsers } from "../../../auth/users.store.ts";
import { listAllUnits } from "../../../organisation/units.service.ts";
import { stockholmDate } from "../../../platform/clock.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { caseTitleFor } from "../../../registry/case-visibility.ts";
import { getCase } from "../../../registry/cases.service.ts";
import { getCaseDocuments } from "../../../registry/documents.service.ts";
import { formFields, handleForm } from "../../../web/forms.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { sendableMaterial } from "../consultation.model.ts";
import { proposeDeadline } from "../deadlines.ts";
import {
  consultationWarnings,
  createConsultation,
  getConsultation,
  listConsultations,
} from "../draft/draft.command.ts";
import { ConsultationFormPage, type FormValues } from "../draft/views/ConsultationFormPage.tsx";
import { materialFor, requireRoundManager, roundFor } from "../reader-view.ts";
import { boardCounts, parseBoardFilter } from "./board-filter.ts";
import { ConsultationPage } from "./views/ConsultationPage.tsx";
import { ConsultationsPage } from "./views/ConsultationsPage.tsx";

/** The weeks the form proposes before the deadline. */
const PROPOSED_WEEKS = 8;
/** Officers to choose from: the people who handle cases. */
const OFFICER_ROLES = new Set(["handlaggare", "registrator", "admin"]);
/** The list page shows this many, newest first. */
const LIST_LIMIT = 200;

export async function consultationsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    values: FormValues | null,
    errors: FieldError[],
  ) => {
    const view = viewFor(req, reply);
    const c = await getCase(ctx, caseId);
    const [documents, units, users] = await Promise.all([
      getCaseDocuments(ctx, caseId),
      listAllUnits(ctx),
      listUsers(ctx.db, ctx.config.tenantId),
    ]);
    const collator = new Intl.Collator(view.locale);
    const data = {
      documents: documents.filter(sendableMaterial),
      units: units.sort((a, b) => collator.compare(a.name, b.name)),
      officers: users
        .filter((u) => OFFICER_ROLES.has(u.role))
        .map((u) => ({ id: u.id, name: u.display_name })),
    };
    const proposed: FormValues = {
      title: c.title,
      deadline: proposeDeadline(stockholmDate(ctx.clock.now()), PROPOSED_WEEKS),
      instructions: view.t("consultation.standard_instructions"),
      officerId: c.officerId ?? (req.actor.kind === "user" ? req.actor.id : undefined),
    };
    return sendPage(
      reply,
      <ConsultationFormPage view={view} c={c} data={data} values={values ?? proposed} errors={errors} />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get<{ Params: { id: string } }>("/arenden/:id/remisser/ny", async (req, reply) => {
    await requireRoundManager(ctx, requireCan(req, "consultation.manage"), req.params.id);
    return showForm(req, reply, req.params.id, null, []);
  });

  app.post<{ Params: { id: string } }>("/arenden/:id/remisser", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    const input = formFields(req.body) as FormValues;
    return handleForm(
      () => createConsultation(ctx, actor, req.params.id, input),
      ({ consultation }) => reply.redirect(`/remisser/${consultation.id}`, 303),
      (errors) => showForm(req, reply, req.params.id, input, errors),
    );
  });

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
          view={viewFor(req, reply)}
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
}
