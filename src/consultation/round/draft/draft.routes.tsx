import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listUsers, requireCan } from "../../../auth/index.ts";
import { listAllUnits } from "../../../organisation/index.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { getCase, getCaseDocuments } from "../../../registry/index.ts";
import { formFields, handleForm } from "../../../web/forms.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { proposeDeadline } from "../deadlines.ts";
import { sendableMaterial } from "../material.ts";
import { requireRoundManager } from "../round-manager.ts";
import { createConsultation } from "./draft.command.ts";
import { ConsultationFormPage, type FormValues } from "./views/ConsultationFormPage.tsx";

/** The weeks the form proposes before the deadline. */
const PROPOSED_WEEKS = 8;
/** Officers to choose from: the people who handle cases. */
const OFFICER_ROLES = new Set(["handlaggare", "registrator", "admin"]);

/** The form that drafts a new round of a case, and creating it. */
export async function draftRoutes(app: FastifyInstance) {
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
}
