import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actorViewFor, can, requireCan } from "../../auth/index.ts";
import { listAllUnits, networkUnits } from "../../organisation/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { caseSubject, getCase } from "../../registry/index.ts";
import { formFields, handleForm } from "../../web/forms.ts";
import { PUBLIC_FORM_LIMIT, readPublicForm } from "../../web/public-form.ts";
import { sendPage, viewFor } from "../../web/render.ts";
import { invitationLetterFindings } from "../principles.ts";
import { type FormValues, VisitReceiptPage, VisitRequestFormPage } from "./views/VisitRequestFormPage.tsx";
import { type FailedForm, type InvitationState, VisitRequestPage } from "./views/VisitRequestPage.tsx";
import { VisitRequestsPage } from "./views/VisitRequestsPage.tsx";
import { receiptPath } from "./visit-registration.ts";
import { assessmentSupports, CHECKLIST, type VisitRequest } from "./visits.model.ts";
import {
  assessVisitRequest,
  decideVisitRequest,
  getVisitRequest,
  invitationBasis,
  listVisitRequests,
  moveVisitRequest,
  receiveVisitRequest,
  writeInvitationLetter,
  writeOffVisitRequest,
} from "./visits.service.ts";

const idParams = z.object({ id: z.string().max(100) });
const unitNames = async (app: FastifyInstance) =>
  new Map((await listAllUnits(app.ctx)).map((u) => [u.id, u.name]));

/** The assessment form's checkbox list as the service's one flag per item. */
function assessmentInput(values: FormValues) {
  const ticked = new Set(values.checklist === undefined ? [] : [values.checklist].flat());
  return {
    ...Object.fromEntries(CHECKLIST.map((c) => [c, ticked.has(c)])),
    prioritised: values.prioritised === "on",
    assessmentNote: values.assessmentNote,
  };
}

/** Visit requests: officers' pages and the public form (issue 5, item 4). */
export async function visitsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    audience: "public" | "officer",
    values: FormValues,
    errors: FieldError[],
  ) =>
    sendPage(
      reply,
      <VisitRequestFormPage
        view={viewFor(req, reply)}
        audience={audience}
        units={await networkUnits(ctx)}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );

  app.get("/offentlig/besok", async (req, reply) => showForm(req, reply, "public", {}, []));

  app.post("/offentlig/besok", PUBLIC_FORM_LIMIT, async (req, reply) => {
    const { robot, fields } = readPublicForm(formFields(req.body));
    // A robot is answered like a success, and nothing is stored.
    if (robot) return reply.redirect("/offentlig/besok/mottagen", 303);
    return handleForm(
      () => receiveVisitRequest(ctx, "public", fields, { locale: viewFor(req, reply).locale }),
      (v) => reply.redirect(receiptPath(v.id), 303),
      (errors) => showForm(req, reply, "public", fields, errors),
    );
  });

  // Without a request: what a robot is shown (and an old link).
  app.get("/offentlig/besok/mottagen", async (req, reply) =>
    sendPage(reply, <VisitReceiptPage view={viewFor(req, reply)} receipt={null} />),
  );

  // The sender's receipt, by the request's unguessable id: the reference and the day, nothing personal.
  app.get("/offentlig/besok/mottagen/:id", async (req, reply) => {
    const v = await getVisitRequest(ctx, idParams.parse(req.params).id);
    return sendPage(
      reply,
      <VisitReceiptPage
        view={viewFor(req, reply)}
        receipt={{ id: v.id, diaryNumber: v.diaryNumber, receivedAt: v.receivedAt }}
      />,
    );
  });

  app.get("/engagemang/besok", async (req, reply) => {
    requireCan(req, "followup.view");
    return sendPage(
      reply,
      <VisitRequestsPage
        view={actorViewFor(req, reply)}
        visits={await listVisitRequests(ctx)}
        unitNames={await unitNames(app)}
      />,
    );
  });

  app.get("/engagemang/besok/ny", async (req, reply) => {
    requireCan(req, "visit_request.handle");
    return showForm(req, reply, "officer", {}, []);
  });

  app.post("/engagemang/besok", async (req, reply) => {
    const actor = requireCan(req, "visit_request.handle");
    const values = formFields(req.body);
    return handleForm(
      () => receiveVisitRequest(ctx, actor, values),
      (v) => reply.redirect(`/engagemang/besok/${v.id}`, 303),
      (errors) => showForm(req, reply, "officer", values, errors),
    );
  });

  /** Where the invitation letter stands: P5 on the assessment before the answer, then the full rule. */
  const invitationState = async (
    visit: VisitRequest,
    reader: FastifyRequest["actor"],
  ): Promise<InvitationState> => {
    if (visit.status !== "decided") {
      const p5 = invitationLetterFindings({
        type: "visit",
        prioritised: visit.prioritised === true,
        assessmentSupports: visit.checklist ? assessmentSupports(visit.checklist) : null,
      });
      const reasons = p5.map((f) => ({ field: "", message: f.message, principle: "P5" }));
      return { stage: "before", reasons, approval: null, mayWrite: false };
    }
    const basis = await invitationBasis(ctx, visit);
    const c = basis.engagement ? await getCase(ctx, basis.engagement.caseId) : null;
    const mayWrite =
      basis.reasons.length === 0 &&
      c !== null &&
      c.status === "open" &&
      can(reader, "letter.register", caseSubject(c));
    return {
      stage: "after",
      reasons: basis.reasons,
      approval: basis.approval,
      mayWrite,
    };
  };

  const showVisit = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    failed: FailedForm | null,
  ) => {
    const view = actorViewFor(req, reply);
    const visit = await getVisitRequest(ctx, id);
    return sendPage(
      reply,
      <VisitRequestPage
        view={view}
        visit={visit}
        unitNames={await unitNames(app)}
        invitation={await invitationState(visit, req.actor)}
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  };

  app.get("/engagemang/besok/:id", async (req, reply) => {
    requireCan(req, "followup.view");
    return showVisit(req, reply, idParams.parse(req.params).id, null);
  });

  app.post("/engagemang/besok/:id/bedomning", async (req, reply) => {
    const actor = requireCan(req, "visit_request.handle");
    const { id } = idParams.parse(req.params);
    const values = formFields(req.body) as FormValues;
    return handleForm(
      () => assessVisitRequest(ctx, actor, id, assessmentInput(values)),
      () => reply.redirect(`/engagemang/besok/${id}`, 303),
      (errors) => showVisit(req, reply, id, { form: "assess", values, errors }),
    );
  });

  /** The page's other forms: each posts to its own path, runs its step and shows the page again on a form error. */
  const steps = [
    ["beslut", "decide", decideVisitRequest],
    ["avskriv", "writeOff", writeOffVisitRequest],
    ["arende", "move", moveVisitRequest],
    ["inbjudan", "invite", writeInvitationLetter],
  ] as const;
  for (const [path, form, step] of steps)
    app.post(`/engagemang/besok/:id/${path}`, async (req, reply) => {
      const actor = requireCan(req, "visit_request.handle");
      const { id } = idParams.parse(req.params);
      const values = formFields(req.body);
      return handleForm(
        () => step(ctx, actor, id, values),
        () => reply.redirect(`/engagemang/besok/${id}`, 303),
        (errors) => showVisit(req, reply, id, { form, values, errors }),
      );
    });
}
