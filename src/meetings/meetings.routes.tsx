import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actorViewFor, type FailedForm, requireCan, type UserActor } from "../auth/index.ts";
import { listAllUnits } from "../organisation/index.ts";
import { isCivilDate, stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { dedupe } from "../platform/validation.ts";
import { caseTitleFor } from "../registry/index.ts";
import { formFields, handleForm, submitForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import {
  caseDecisions,
  delegationList,
  recordDelegationDecision,
  recordMeetingDecision,
} from "./decisions.service.ts";
import { BODIES, type Body } from "./meetings.model.ts";
import {
  addAgendaItem,
  agendaCandidates,
  agendaInputFromChoice,
  agendaOfMeeting,
  createMeeting,
  getMeeting,
  meetingList,
  postMinutes,
} from "./meetings.service.ts";
import { decisionsOfMeeting, findAgendaItem, listMeetings, pendingItemsOfCase } from "./meetings.store.ts";
import { agendaWord } from "./papers.ts";
import { CaseDecisionsPage } from "./views/CaseDecisionsPage.tsx";
import { DecisionFormPage } from "./views/DecisionFormPage.tsx";
import { type DelegationFilter, DelegationPage } from "./views/DelegationPage.tsx";
import { MeetingPage } from "./views/MeetingPage.tsx";
import { MeetingsPage } from "./views/MeetingsPage.tsx";
import { NoticeBoardPage } from "./views/NoticeBoardPage.tsx";

const WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const BODY_UNIT_TYPES = ["district_committee", "specialist_committee", "company"];

/** The committees and company boards that meet as bodies, by id: their names label meetings and decisions. */
async function bodyUnits(ctx: Ctx): Promise<Map<string, string>> {
  const units = await listAllUnits(ctx);
  return new Map(units.filter((u) => BODY_UNIT_TYPES.includes(u.type)).map((u) => [u.id, u.name]));
}

type Params = { Params: { id: string } };

/** Meetings, agendas, decisions, the case's decision chain and the public notice board (domain.md §6a). */
export async function meetingsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const showMeetings = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const view = actorViewFor(req, reply);
    return sendPage(
      reply,
      <MeetingsPage
        view={view}
        meetings={await meetingList(ctx)}
        units={await bodyUnits(ctx)}
        canManage={view.can("meeting.manage")}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };
  app.get("/moten", async (req, reply) => {
    requireCan(req, "case.view");
    return showMeetings(req, reply, {}, []);
  });
  app.post("/moten", async (req, reply) => {
    const actor = requireCan(req, "meeting.manage");
    return submitForm(
      req,
      reply,
      () => createMeeting(ctx, actor, formFields(req.body)),
      (m) => `/moten/${m.id}`,
      (values, errors) => showMeetings(req, reply, values, errors),
    );
  });

  const showMeeting = async (
    req: FastifyRequest<Params>,
    reply: FastifyReply,
    failed: FailedForm<"item" | "post"> | null,
  ) => {
    const view = actorViewFor(req, reply);
    const meeting = await getMeeting(ctx, req.params.id);
    return sendPage(
      reply,
      <MeetingPage
        view={view}
        meeting={meeting}
        agenda={await agendaOfMeeting(ctx, meeting.id)}
        decisions={await decisionsOfMeeting(ctx.db, ctx.config.tenantId, meeting.id)}
        units={await bodyUnits(ctx)}
        canManage={view.can("meeting.manage")}
        candidates={view.can("meeting.manage") ? await agendaCandidates(ctx) : []}
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  };
  app.get<Params>("/moten/:id", async (req, reply) => {
    requireCan(req, "case.view");
    return showMeeting(req, reply, null);
  });
  // The form chooses an approved report; its case and title come from the choice.
  const addChosenItem = async (
    c: Ctx,
    actor: UserActor,
    meetingId: string,
    values: Record<string, string>,
  ) => {
    const input = agendaInputFromChoice(await agendaCandidates(c), values);
    try {
      return await addAgendaItem(c, actor, meetingId, input);
    } catch (error) {
      // The case is the choice's: its errors belong to the choice's field.
      if (error instanceof ValidationError)
        throw new ValidationError(
          dedupe(error.fields.map((e) => (e.field === "diaryNumber" ? { ...e, field: "documentId" } : e))),
        );
      throw error;
    }
  };
  for (const [path, form, save] of [
    ["punkter", "item", addChosenItem],
    ["anslag", "post", postMinutes],
  ] as const)
    app.post<Params>(`/moten/:id/${path}`, async (req, reply) => {
      const actor = requireCan(req, "meeting.manage");
      const values = formFields(req.body);
      return handleForm(
        async () => {
          await save(ctx, actor, req.params.id, values);
        },
        () => reply.redirect(`/moten/${req.params.id}`, 303),
        (errors) => showMeeting(req, reply, { form, values, errors }),
      );
    });

  app.get<Params>("/moten/:id/foredragningslista.docx", async (req, reply) => {
    requireCan(req, "case.view");
    const meeting = await getMeeting(ctx, req.params.id);
    const bytes = await agendaWord(ctx, meeting, await agendaOfMeeting(ctx, meeting.id));
    return reply
      .header("content-type", WORD)
      .header("content-disposition", `attachment; filename="foredragningslista-${meeting.meetingDate}.docx"`)
      .header("cache-control", "no-store")
      .send(bytes);
  });

  const showDecisionForm = async (
    req: FastifyRequest<Params>,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const item = await findAgendaItem(ctx.db, ctx.config.tenantId, req.params.id);
    if (!item?.meetingId) throw new NotFoundError();
    return sendPage(
      reply,
      <DecisionFormPage view={viewFor(req, reply)} item={item} values={values} errors={errors} />,
      errors.length > 0 ? 422 : 200,
    );
  };
  app.get<Params>("/moten/punkter/:id/beslut", async (req, reply) => {
    requireCan(req, "meeting.manage");
    return showDecisionForm(req, reply, {}, []);
  });
  app.post<Params>("/moten/punkter/:id/beslut", async (req, reply) => {
    const actor = requireCan(req, "meeting.manage");
    return submitForm(
      req,
      reply,
      () => recordMeetingDecision(ctx, actor, req.params.id, formFields(req.body)),
      (d) => `/moten/${d.meetingId}`,
      (values, errors) => showDecisionForm(req, reply, values, errors),
    );
  });

  app.get<Params>("/arenden/:id/beslut", async (req, reply) => {
    const actor = requireCan(req, "case.view");
    const { c, decisions } = await caseDecisions(ctx, req.params.id);
    const view = actorViewFor(req, reply);
    return sendPage(
      reply,
      <CaseDecisionsPage
        view={view}
        caseId={c.id}
        diaryNumber={c.diaryNumber}
        title={caseTitleFor(actor, c)}
        decisions={decisions}
        pending={await pendingItemsOfCase(ctx.db, ctx.config.tenantId, c.id)}
        units={await bodyUnits(ctx)}
      />,
    );
  });

  /** The list's filter from the query: by default the finance commissioner's decisions this year so far. */
  const delegationFilter = (query: unknown): DelegationFilter => {
    const q = (query ?? {}) as Record<string, unknown>;
    const text = (v: unknown, fallback: string) => (typeof v === "string" ? v.trim() : fallback);
    const today = stockholmDate(ctx.clock.now());
    return {
      body: text(q.body, "IB"),
      unitId: text(q.unitId, ""),
      from: text(q.from, `${today.slice(0, 4)}-01-01`),
      to: text(q.to, today),
    };
  };
  const showDelegation = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const view = actorViewFor(req, reply);
    const filter = delegationFilter(req.query);
    const valid =
      (BODIES as readonly string[]).includes(filter.body) &&
      isCivilDate(filter.from) &&
      isCivilDate(filter.to) &&
      filter.from <= filter.to;
    return sendPage(
      reply,
      <DelegationPage
        view={view}
        filter={filter}
        decisions={
          valid
            ? await delegationList(ctx, {
                body: filter.body as Body,
                unitId: filter.unitId || null,
                from: filter.from,
                to: filter.to,
              })
            : null
        }
        units={await bodyUnits(ctx)}
        canManage={view.can("meeting.manage")}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };
  app.get("/delegationsbeslut", async (req, reply) => {
    requireCan(req, "case.view");
    return showDelegation(req, reply, {}, []);
  });
  app.post("/delegationsbeslut", async (req, reply) => {
    const actor = requireCan(req, "meeting.manage");
    return submitForm(
      req,
      reply,
      () => recordDelegationDecision(ctx, actor, formFields(req.body)),
      (d) => `/arenden/${d.caseId}/beslut`,
      (values, errors) => showDelegation(req, reply, values, errors),
    );
  });

  // Public: the notice board needs no sign-in (kommunallagen 8 kap. 9 §).
  app.get("/offentlig/anslagstavla", async (req, reply) => {
    const meetings = await listMeetings(ctx.db, ctx.config.tenantId, true);
    const posted = await Promise.all(
      meetings.map(async (meeting) => ({
        meeting,
        decisions: await decisionsOfMeeting(ctx.db, ctx.config.tenantId, meeting.id),
      })),
    );
    return sendPage(
      reply,
      <NoticeBoardPage view={viewFor(req, reply)} posted={posted} units={await bodyUnits(ctx)} />,
    );
  });
}
