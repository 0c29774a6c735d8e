import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actorViewFor, requireCan, requireUser } from "../auth/index.ts";
import { listAllUnits } from "../organisation/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import { ConflictError, type FieldError, ValidationError } from "../platform/errors.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { formFields, handleForm, submitForm } from "../web/forms.ts";
import { sendPage } from "../web/render.ts";
import { caseFormData } from "./case-form-data.ts";
import { parseCaseListQuery, queryString } from "./case-list-filter.ts";
import { caseView } from "./case-view.service.ts";
import { caseAsShown, requireCaseWrite, seesCaseInFull } from "./case-visibility.ts";
import { caseInputFromForm } from "./cases.form.ts";
import { allowedActions, type Case } from "./cases.model.ts";
import { addParty, changeCaseStatus, getCase, openCase, updateCase } from "./cases.service.ts";
import { casePage, toCase } from "./cases.store.ts";
import { getRegistries } from "./registries.service.ts";
import { CaseFormPage } from "./views/CaseFormPage.tsx";
import { CasePage } from "./views/CasePage.tsx";
import { CasesPage } from "./views/CasesPage.tsx";

const PAGE = 50;
const cursorSchema = z.object({ openedOn: z.string(), id: z.string() });

/**
 * An imported number that skips numbers of its series comes back as the form with the question
 * and a box to confirm it (the API answers 409 with the count instead).
 */
const askToSkip = (error: unknown): never => {
  if (error instanceof ConflictError && error.fields.some((f) => f.field === "confirmSkip"))
    throw new ValidationError(error.fields);
  throw error;
};

export async function casesRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    existing: Case | null,
    values: Record<string, string>,
    errors: FieldError[],
  ) =>
    sendPage(
      reply,
      <CaseFormPage
        view={actorViewFor(req, reply)}
        existing={existing}
        data={await caseFormData(ctx)}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );

  /** Runs a change; on invalid input the form comes back with every answer kept. */
  const submit = (
    req: FastifyRequest,
    reply: FastifyReply,
    existing: Case | null,
    change: () => Promise<Case>,
  ) =>
    submitForm(
      req,
      reply,
      change,
      (saved) => `/arenden/${saved.id}`,
      (values, errors) => showForm(req, reply, existing, values, errors),
    );

  app.get("/arenden", async (req, reply) => {
    const actor = requireCan(req, "case.view");
    const { raw, filter } = parseCaseListQuery(req.query);
    const before = filter.cursor ? (decodeCursor(filter.cursor, cursorSchema) ?? undefined) : undefined;
    const rows = await casePage(ctx.db, { tenantId: ctx.config.tenantId, ...filter, before, limit: PAGE });
    const { items, nextCursor } = pageOf(rows, PAGE, (c) => ({ openedOn: c.opened_on, id: c.id }));
    const cases = items.map(toCase).map((c) => caseAsShown(c, seesCaseInFull(actor, c)));
    const params = (cursor?: string) => `/arenden${queryString({ ...raw, cursor })}`;
    return sendPage(
      reply,
      <CasesPage
        view={actorViewFor(req, reply)}
        cases={cases}
        filter={filter}
        registries={await getRegistries(ctx)}
        units={await listAllUnits(ctx)}
        nextHref={nextCursor ? params(nextCursor) : null}
        firstHref={filter.cursor ? params(undefined) : null}
        exportQuery={queryString({ ...raw, cursor: undefined })}
      />,
    );
  });

  app.get("/arenden/nytt", async (req, reply) => {
    const actor = requireCan(req, "case.create");
    const registries = await getRegistries(ctx);
    return showForm(
      req,
      reply,
      null,
      { registryId: registries[0]?.id ?? "", unitId: actor.unitId ?? "", officerId: actor.id },
      [],
    );
  });

  app.post("/arenden/nytt", async (req, reply) => {
    const actor = requireCan(req, "case.create");
    return submit(req, reply, null, () => openCase(ctx, actor, caseInputFromForm(req.body)).catch(askToSkip));
  });

  /** The case page, with the party form's errors and answers when an added party was refused. */
  const showCase = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    partyForm: { values: Record<string, string>; errors: FieldError[] } = { values: {}, errors: [] },
  ) => {
    const actor = requireCan(req, "case.view");
    const { c, names, parties, history, people, documents } = await caseView(ctx, id);
    return sendPage(
      reply,
      <CasePage
        view={actorViewFor(req, reply)}
        c={c}
        full={seesCaseInFull(actor, c)}
        names={names}
        parties={parties}
        history={history}
        people={people}
        documents={documents}
        today={stockholmDate(ctx.clock.now())}
        partyForm={partyForm}
      />,
      partyForm.errors.length > 0 ? 422 : 200,
    );
  };

  app.get<{ Params: { id: string } }>("/arenden/:id", (req, reply) => showCase(req, reply, req.params.id));

  // Adding a party is a change of the case: the case's insiders (case.edit), like editing it.
  app.post<{ Params: { id: string } }>("/arenden/:id/parter", async (req, reply) => {
    const actor = requireUser(req);
    const c = await getCase(ctx, req.params.id);
    requireCaseWrite(actor, "case.edit", c);
    const values = formFields(req.body);
    return handleForm(
      () => addParty(ctx, actor, c.id, values),
      () => reply.redirect(`/arenden/${c.id}#parties-heading`, 303),
      (errors) => showCase(req, reply, c.id, { values, errors }),
    );
  });

  app.get<{ Params: { id: string } }>("/arenden/:id/andra", async (req, reply) => {
    const actor = requireUser(req);
    const c = await getCase(ctx, req.params.id);
    requireCaseWrite(actor, "case.edit", c);
    if (!allowedActions(c.status).includes("edit")) {
      throw new ConflictError("a closed case cannot be changed", [...allowedActions(c.status)]);
    }
    const values = {
      title: c.title,
      publicTitle: c.publicTitle ?? "",
      classId: c.classId,
      unitId: c.unitId,
      officerId: c.officerId ?? "",
    };
    return showForm(req, reply, c, values, []);
  });

  app.post<{ Params: { id: string } }>("/arenden/:id/andra", async (req, reply) => {
    const actor = requireUser(req);
    const c = await getCase(ctx, req.params.id);
    requireCaseWrite(actor, "case.edit", c);
    return submit(req, reply, c, () => updateCase(ctx, actor, c.id, caseInputFromForm(req.body)));
  });

  for (const [path, action] of [
    ["avsluta", "close"],
    ["ateroppna", "reopen"],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/arenden/:id/${path}`, async (req, reply) => {
      const actor = requireUser(req);
      requireCaseWrite(actor, "case.close", await getCase(ctx, req.params.id));
      await changeCaseStatus(ctx, actor, req.params.id, action);
      return reply.redirect(`/arenden/${req.params.id}`, 303);
    });
  }
}
