import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listUsers, requireCan } from "../../../auth/index.ts";
import { listAllUnits } from "../../../organisation/index.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { getCase, getCaseDocuments } from "../../../registry/index.ts";
import { formFields, handleForm } from "../../../web/forms.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import type { ConsultationDetails } from "../consultation.model.ts";
import { allRecipients, getConsultation } from "../consultation.service.ts";
import { proposeDeadline } from "../deadlines.ts";
import { sendableMaterial } from "../material.ts";
import { requireRoundManager } from "../round-manager.ts";
import { roundFor } from "../round-title.ts";
import { createConsultation, discardDraft, editDraft, requireDraftStep } from "./draft.command.ts";
import { ConsultationFormPage, type FormTarget, type FormValues } from "./views/ConsultationFormPage.tsx";
import { DiscardPage } from "./views/DiscardPage.tsx";

/** The weeks the form proposes before the deadline. */
const PROPOSED_WEEKS = 8;
/** Officers to choose from: the people who handle cases. */
const OFFICER_ROLES = new Set(["handlaggare", "registrator", "admin"]);

/** A draft's own answers, as the edit form starts from them. */
const draftValues = (k: ConsultationDetails): FormValues => {
  const bodies = allRecipients(k);
  return {
    title: k.title,
    deadline: k.deadline,
    instructions: k.instructions,
    officerId: k.officerId,
    contact: k.contact ?? "",
    documentIds: k.documentIds,
    unitIds: bodies.flatMap((r) => (r.unitId ? [r.unitId] : [])),
    externalBodies: bodies
      .filter((r) => !r.unitId)
      .map((r) => `${r.name}, ${r.email ?? ""}`)
      .join("\n"),
  };
};

type Params = { Params: { id: string } };

/** The form that drafts a new round of a case and creating it; editing a draft and discarding it. */
export async function draftRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    target: FormTarget,
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
      <ConsultationFormPage
        view={view}
        c={c}
        target={target}
        data={data}
        values={values ?? proposed}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get<{ Params: { id: string } }>("/arenden/:id/remisser/ny", async (req, reply) => {
    await requireRoundManager(ctx, requireCan(req, "consultation.manage"), req.params.id);
    return showForm(req, reply, req.params.id, { kind: "new" }, null, []);
  });

  app.post<{ Params: { id: string } }>("/arenden/:id/remisser", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    const input = formFields(req.body) as FormValues;
    return handleForm(
      () => createConsultation(ctx, actor, req.params.id, input),
      ({ consultation }) => reply.redirect(`/remisser/${consultation.id}`, 303),
      (errors) => showForm(req, reply, req.params.id, { kind: "new" }, input, errors),
    );
  });

  /** A draft the user may change: the round, after checking who runs its case. */
  const draftFor = async (req: FastifyRequest<Params>) => {
    const actor = requireCan(req, "consultation.manage");
    const k = await getConsultation(ctx, req.params.id);
    const c = await requireRoundManager(ctx, actor, k.caseId);
    return { actor, k, c };
  };

  app.get<Params>("/remisser/:id/andra", async (req, reply) => {
    const { k } = await draftFor(req);
    requireDraftStep(k, "edit");
    return showForm(req, reply, k.caseId, { kind: "edit", consultationId: k.id }, draftValues(k), []);
  });

  app.post<Params>("/remisser/:id/andra", async (req, reply) => {
    const { actor, k } = await draftFor(req);
    const input = formFields(req.body) as FormValues;
    return handleForm(
      () => editDraft(ctx, actor, k.id, input),
      () => reply.redirect(`/remisser/${k.id}`, 303),
      (errors) => showForm(req, reply, k.caseId, { kind: "edit", consultationId: k.id }, input, errors),
    );
  });

  app.get<Params>("/remisser/:id/kassera", async (req, reply) => {
    const { actor, k, c } = await draftFor(req);
    requireDraftStep(k, "discard");
    return sendPage(reply, <DiscardPage view={viewFor(req, reply)} consultation={roundFor(actor, k, c)} />);
  });

  app.post<Params>("/remisser/:id/kassera", async (req, reply) => {
    const { actor, k } = await draftFor(req);
    await discardDraft(ctx, actor, k.id);
    return reply.redirect(`/remisser/${k.id}`, 303);
  });
}
