import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actorViewFor, can, findUserById, listUsers, requireCan, type UserActor } from "../auth/index.ts";
import { listAllUnits } from "../organisation/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { FieldError } from "../platform/errors.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { isOneOf, readForm } from "../platform/validation.ts";
import { allClasses, caseTitleFor, getCase, getRegistries } from "../registry/index.ts";
import { formFields, handleForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { recordDecision } from "./decisions.service.ts";
import { assessStored, checkNewEngagement, type EngagementAssessment } from "./engagement-checks.ts";
import { addedRowGroup, engagementFromForm, type ShownRows, shownRows } from "./engagement-form.ts";
import {
  ENGAGEMENT_STATUSES,
  ENGAGEMENT_TYPES,
  type EngagementDetails,
  engagementSubject,
  STORED_ENGAGEMENT_TYPES,
} from "./engagements.model.ts";
import {
  asFields,
  getEngagement,
  listEngagements,
  registerEngagement,
  updateEngagement,
} from "./engagements.service.ts";
import { affectedUnitGroups } from "./unit-groups.ts";
import { ChooseTypePage } from "./views/ChooseTypePage.tsx";
import { DecisionFormPage } from "./views/DecisionFormPage.tsx";
import { EngagementFormPage, type FormMode } from "./views/EngagementFormPage.tsx";
import { EngagementPage } from "./views/EngagementPage.tsx";
import { EngagementsPage, type ListFilter } from "./views/EngagementsPage.tsx";

/** Officers to choose from: the people who handle engagements. */
const OFFICER_ROLES = new Set(["handlaggare", "kontaktperson", "admin"]);
const LIST_LIMIT = 100;
const cursorSchema = z.object({ createdAt: z.string(), id: z.string() });

type Body = Record<string, string | string[] | undefined>;

/** The register's filter, as the list page's query gives it. */
const listFilterSchema = z.object({
  type: z.enum(STORED_ENGAGEMENT_TYPES).optional(),
  unitId: z.string().max(100).optional(),
  status: z.enum(ENGAGEMENT_STATUSES).optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, "validation.format")
    .transform(Number)
    .optional(),
});
const one = (v: unknown) => (typeof v === "string" ? v.trim() : "");

export async function engagementsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const unitNames = async () => new Map((await listAllUnits(ctx)).map((u) => [u.id, u.name]));

  /**
   * The form's choices; a contact person or handläggare is offered their own unit only (they may
   * register for no other), and an edited engagement keeps its own.
   */
  const formData = async (actor: UserActor, locale: string, keepUnitId: string | undefined) => {
    const collator = new Intl.Collator(locale);
    const byLabel = (a: [string, string], b: [string, string]) => collator.compare(a[1], b[1]);
    const [units, users, registries, classes] = await Promise.all([
      listAllUnits(ctx),
      listUsers(ctx.db, ctx.config.tenantId),
      getRegistries(ctx),
      allClasses(ctx.db, ctx.config.tenantId, stockholmDate(ctx.clock.now())),
    ]);
    return {
      units: units
        .filter((u) => u.id === keepUnitId || can(actor, "engagement.manage", { unitId: u.id }))
        .map((u): [string, string] => [u.id, u.name])
        .sort(byLabel),
      unitGroups: affectedUnitGroups(units, locale),
      officers: users
        .filter((u) => OFFICER_ROLES.has(u.role))
        .map((u): [string, string] => [u.id, u.display_name])
        .sort(byLabel),
      registries: registries.map((r): [string, string] => [r.id, `${r.prefix} ${r.name}`]),
      classes: classes
        .filter((c) => c.current && !c.retired)
        .map((c): [string, string] => [c.id, `${c.code} ${c.title}`]),
    };
  };

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    actor: UserActor,
    mode: FormMode,
    values: Record<string, unknown>,
    errors: FieldError[],
    assessment: EngagementAssessment | null,
    status: number,
    rows?: ShownRows,
  ) => {
    const view = viewFor(req, reply);
    const names = await unitNames();
    return sendPage(
      reply,
      <EngagementFormPage
        view={view}
        mode={mode}
        values={values}
        errors={errors}
        assessment={assessment}
        unitName={names.get(String(values.unitId ?? "")) ?? null}
        thisYear={Number(stockholmDate(ctx.clock.now()).slice(0, 4))}
        rows={rows}
        data={
          await formData(
            actor,
            view.locale,
            mode.kind === "edit" ? (await getEngagement(ctx, mode.id)).unitId : undefined,
          )
        }
      />,
      status,
    );
  };

  app.get("/engagemang", async (req, reply) => {
    requireCan(req, "engagement.view");
    const q = req.query as Record<string, string | undefined>;
    const filter: ListFilter = {
      type: one(q.type),
      unitId: one(q.unitId),
      status: one(q.status),
      year: one(q.year),
    };
    const { data, errors } = readForm(listFilterSchema, filter);
    const after = q.cursor ? decodeCursor(q.cursor, cursorSchema) : undefined;
    const rows = data
      ? await listEngagements(ctx, { ...data, after: after ?? undefined, limit: LIST_LIMIT + 1 })
      : [];
    const { items, nextCursor } = pageOf(rows, LIST_LIMIT, (e) => ({ createdAt: e.createdAt, id: e.id }));
    const nextPage = nextCursor
      ? `/engagemang?${new URLSearchParams({
          ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v)),
          cursor: nextCursor,
        })}`
      : null;
    const view = actorViewFor(req, reply);
    const names = await unitNames();
    const collator = new Intl.Collator(view.locale);
    return sendPage(
      reply,
      <EngagementsPage
        view={view}
        engagements={items}
        filter={filter}
        errors={errors}
        units={[...names].sort((a, b) => collator.compare(a[1], b[1]))}
        unitNames={names}
        nextPage={nextPage}
      />,
      errors.length > 0 ? 422 : 200,
    );
  });

  app.get("/engagemang/ny", async (req, reply) => {
    const actor = requireCan(req, "engagement.manage");
    const type = one((req.query as Record<string, unknown>).typ);
    if (!isOneOf(ENGAGEMENT_TYPES, type))
      return sendPage(reply, <ChooseTypePage view={viewFor(req, reply)} />);
    const data = await formData(actor, req.locale, undefined);
    const proposed = {
      type,
      unitId: actor.unitId && data.units.some(([id]) => id === actor.unitId) ? actor.unitId : "",
      officerId: OFFICER_ROLES.has(actor.role) ? actor.id : "",
      scope: "service",
      politicalLevel: "normal",
      onBehalfOf: "unit",
      registryId: data.registries[0]?.[0] ?? "",
    };
    return showForm(req, reply, actor, { kind: "new" }, proposed, [], null, 200);
  });

  app.post("/engagemang", async (req, reply) => {
    const actor = requireCan(req, "engagement.manage");
    const body = formFields(req.body) as Body;
    const input = engagementFromForm(body, { clearBlank: false });
    const rows = shownRows(body, input);
    // "Lägg till" shows the form again with one row more, saving nothing.
    if (addedRowGroup(body)) return showForm(req, reply, actor, { kind: "new" }, input, [], null, 200, rows);
    const checked = await checkNewEngagement(ctx, actor, input);
    if (one(body.action) === "check" || checked.errors.length > 0)
      return showForm(
        req,
        reply,
        actor,
        { kind: "new" },
        input,
        checked.errors,
        checked.assessment,
        checked.errors.length > 0 && one(body.action) !== "check" ? 422 : 200,
        rows,
      );
    return handleForm(
      () => registerEngagement(ctx, actor, input),
      ({ engagement }) => reply.redirect(`/engagemang/${engagement.id}`, 303),
      (errors) => showForm(req, reply, actor, { kind: "new" }, input, errors, checked.assessment, 422, rows),
    );
  });

  const loadPage = async (id: string) => {
    const e = await getEngagement(ctx, id);
    const [c, names, officer] = await Promise.all([
      getCase(ctx, e.caseId),
      unitNames(),
      findUserById(ctx.db, ctx.config.tenantId, e.officerId),
    ]);
    return {
      e,
      c,
      unitName: names.get(e.unitId) ?? "",
      affectedUnitNames: e.affectedUnitIds.map((u) => names.get(u) ?? u),
      officerName: officer?.display_name ?? "",
    };
  };

  app.get<{ Params: { id: string } }>("/engagemang/:id", async (req, reply) => {
    const actor = requireCan(req, "engagement.view");
    const { e, c, unitName, affectedUnitNames, officerName } = await loadPage(req.params.id);
    return sendPage(
      reply,
      <EngagementPage
        view={actorViewFor(req, reply)}
        engagement={e}
        assessment={assessStored(ctx, e)}
        c={c}
        caseTitle={caseTitleFor(actor, c)}
        unitName={unitName}
        affectedUnitNames={affectedUnitNames}
        officerName={officerName}
        thisYear={Number(stockholmDate(ctx.clock.now()).slice(0, 4))}
      />,
    );
  });

  const editMode = (e: EngagementDetails): FormMode => ({
    kind: "edit",
    id: e.id,
    title: e.title,
    approved: e.status === "approved",
  });

  app.get<{ Params: { id: string } }>("/engagemang/:id/andra", async (req, reply) => {
    requireCan(req, "engagement.manage");
    const e = await getEngagement(ctx, req.params.id);
    const actor = requireCan(req, "engagement.manage", engagementSubject(e));
    return showForm(req, reply, actor, editMode(e), asFields(e), [], assessStored(ctx, e), 200);
  });

  app.post<{ Params: { id: string } }>("/engagemang/:id", async (req, reply) => {
    requireCan(req, "engagement.manage");
    const e = await getEngagement(ctx, req.params.id);
    const actor = requireCan(req, "engagement.manage", engagementSubject(e));
    const body = formFields(req.body) as Body;
    // The type and the case are fixed once registered: the edit form does not offer them.
    const {
      type: _t,
      caseDiaryNumber: _d,
      registryId: _r,
      classId: _c,
      ...input
    } = engagementFromForm(body, { clearBlank: true });
    const shown = { ...engagementFromForm(body, { clearBlank: false }), type: e.type };
    const rows = shownRows(body, shown);
    if (addedRowGroup(body)) return showForm(req, reply, actor, editMode(e), shown, [], null, 200, rows);
    return handleForm(
      () => updateEngagement(ctx, actor, e.id, input),
      () => reply.redirect(`/engagemang/${e.id}`, 303),
      (errors) => showForm(req, reply, actor, editMode(e), shown, errors, null, 422, rows),
    );
  });

  const showDecisionForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const { e, unitName } = await loadPage(id);
    return sendPage(
      reply,
      <DecisionFormPage
        view={viewFor(req, reply)}
        engagement={e}
        unitName={unitName}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get<{ Params: { id: string } }>("/engagemang/:id/beslut", async (req, reply) => {
    requireCan(req, "engagement.decide");
    return showDecisionForm(req, reply, req.params.id, { decidedOn: stockholmDate(ctx.clock.now()) }, []);
  });

  app.post<{ Params: { id: string } }>("/engagemang/:id/beslut", async (req, reply) => {
    const actor = requireCan(req, "engagement.decide");
    const values = formFields(req.body);
    return handleForm(
      () => recordDecision(ctx, actor, req.params.id, values),
      () => reply.redirect(`/engagemang/${req.params.id}`, 303),
      (errors) => showDecisionForm(req, reply, req.params.id, values, errors),
    );
  });
}
