import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actorViewFor, displayNamesOf, requireUser } from "../auth/index.ts";
import { roundPositionsOfCase } from "../consultation/index.ts";
import { findUnit } from "../organisation/index.ts";
import type { FieldError } from "../platform/errors.ts";
import type { Translate } from "../platform/i18n/index.ts";
import type { Case } from "../registry/index.ts";
import { formFields, handleForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { genitive, type ReportContent } from "./reports.model.ts";
import {
  approveReport,
  attachableDocuments,
  caseReports,
  createReport,
  mayWrite,
  possibleSignatories,
  reportFor,
  reportsAwaitingApproval,
  reportVersions,
  saveReport,
} from "./reports.service.ts";
import { AwaitingApprovalPage } from "./views/AwaitingApprovalPage.tsx";
import { CaseReportsPage } from "./views/CaseReportsPage.tsx";
import { ReportFormPage } from "./views/ReportFormPage.tsx";
import { ReportPage } from "./views/ReportPage.tsx";

type Params = { Params: { id: string } };

const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** A posted form as the report's content, blank proposal rows kept; and which row button was pressed. */
function posted(body: unknown): { values: ReportContent; rows: string } {
  const { rows, ...f } = formFields(body) as Record<string, string | string[] | undefined>;
  return {
    rows: one(rows),
    values: {
      title: one(f.title),
      addressedTo: one(f.addressedTo),
      proposals: many(f.proposals),
      summary: one(f.summary),
      background: one(f.background),
      preparation: one(f.preparation),
      views: one(f.views),
      attachmentIds: many(f.attachmentIds),
      signatoryIds: many(f.signatoryIds),
      ...(one(f.consultationId) ? { consultationId: one(f.consultationId) } : {}),
    },
  };
}

/** The proposal rows after a row button: one more, or one fewer. */
function withRows(values: ReportContent, rows: string): ReportContent {
  if (rows === "add") return { ...values, proposals: [...values.proposals, ""] };
  const remove = Number(rows.replace(/^remove-/, ""));
  return { ...values, proposals: values.proposals.filter((_, i) => i !== remove) };
}

/** "Stadsledningskontorets synpunkter": the office's views, named after the case's unit. */
async function viewsLabel(app: FastifyInstance, t: Translate, c: Case) {
  const unit = await findUnit(app.ctx.db, app.ctx.config.tenantId, c.unitId);
  return unit ? t("report.views_of", { unit: genitive(unit.name) }) : t("report.field.views");
}

/** The pages of officer's reports: a case's list, the form, the report with its versions and approvals. */
export async function reportsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    c: Case,
    target: { action: string; editing: boolean },
    values: ReportContent,
    errors: FieldError[],
  ) => {
    const view = viewFor(req, reply);
    const [documents, signatories, label, rounds] = await Promise.all([
      attachableDocuments(ctx, c.id),
      possibleSignatories(ctx),
      viewsLabel(app, view.t, c),
      roundPositionsOfCase(ctx, c.id),
    ]);
    return sendPage(
      reply,
      <ReportFormPage
        view={view}
        c={c}
        action={target.action}
        editing={target.editing}
        viewsLabel={label}
        documents={documents}
        signatories={signatories}
        rounds={rounds.map((r): [string, string] => [r.consultationId, r.title])}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  /** Saves the posted form, or shows it again with a row added or removed (nothing saved then). */
  const submit = (
    req: FastifyRequest,
    reply: FastifyReply,
    c: Case,
    target: { action: string; editing: boolean },
    save: (values: ReportContent) => Promise<{ id: string }>,
  ) => {
    const { values, rows } = posted(req.body);
    if (rows !== "") return showForm(req, reply, c, target, withRows(values, rows), []);
    return handleForm(
      () => save(values),
      (r) => reply.redirect(`/tjansteutlatanden/${r.id}`, 303),
      (errors) => showForm(req, reply, c, target, values, errors),
    );
  };

  // A signatory's reports to approve: the start page's section links here for all of them.
  app.get("/tjansteutlatanden", async (req, reply) => {
    const reports = await reportsAwaitingApproval(ctx, requireUser(req).id);
    return sendPage(reply, <AwaitingApprovalPage view={viewFor(req, reply)} reports={reports} />);
  });

  app.get<Params>("/arenden/:id/tjansteutlatanden", async (req, reply) => {
    const { c, reports } = await caseReports(ctx, requireUser(req), req.params.id);
    return sendPage(reply, <CaseReportsPage view={viewFor(req, reply)} c={c} reports={reports} />);
  });

  const newTarget = (caseId: string) => ({ action: `/arenden/${caseId}/tjansteutlatanden`, editing: false });

  app.get<Params>("/arenden/:id/tjansteutlatanden/ny", async (req, reply) => {
    const { c } = await caseReports(ctx, requireUser(req), req.params.id);
    const empty: ReportContent = {
      title: c.title,
      addressedTo: "",
      proposals: [""],
      summary: "",
      background: "",
      preparation: "",
      views: "",
      attachmentIds: [],
      signatoryIds: [],
    };
    return showForm(req, reply, c, newTarget(c.id), empty, []);
  });

  app.post<Params>("/arenden/:id/tjansteutlatanden", async (req, reply) => {
    const actor = requireUser(req);
    const { c } = await caseReports(ctx, actor, req.params.id);
    return submit(req, reply, c, newTarget(c.id), (values) => createReport(ctx, actor, c.id, values));
  });

  app.get<Params & { Querystring: { version?: string } }>("/tjansteutlatanden/:id", async (req, reply) => {
    const view = actorViewFor(req, reply);
    const { report, c } = await reportFor(ctx, requireUser(req), req.params.id);
    const versions = await reportVersions(ctx, report.id);
    const asked = Number(req.query.version ?? report.version);
    const shown = versions.find((v) => v.version === asked) ?? versions[0];
    if (!shown) throw new Error(`report ${report.id} has no versions`);
    const documents = new Map((await attachableDocuments(ctx, c.id)).map((d) => [d.id, d]));
    const names = await displayNamesOf(ctx.db, ctx.config.tenantId, [
      report.officerId,
      ...report.content.signatoryIds,
      ...versions.flatMap((v) => (v.writtenBy ? [v.writtenBy] : [])),
    ]);
    return sendPage(
      reply,
      <ReportPage
        view={view}
        c={c}
        report={report}
        shown={shown}
        viewsLabel={await viewsLabel(app, view.t, c)}
        attachments={shown.content.attachmentIds.flatMap((id) => documents.get(id) ?? [])}
        names={names}
        versions={versions.map((v) => ({
          version: v.version,
          writtenAt: v.writtenAt,
          writtenBy: (v.writtenBy && names.get(v.writtenBy)) || "",
        }))}
        canEdit={mayWrite(req.actor, c)}
      />,
    );
  });

  const editTarget = (id: string) => ({ action: `/tjansteutlatanden/${id}/andra`, editing: true });

  app.get<Params>("/tjansteutlatanden/:id/andra", async (req, reply) => {
    const actor = requireUser(req);
    const { report } = await reportFor(ctx, actor, req.params.id);
    const { c } = await caseReports(ctx, actor, report.caseId);
    return showForm(req, reply, c, editTarget(report.id), report.content, []);
  });

  app.post<Params>("/tjansteutlatanden/:id/andra", async (req, reply) => {
    const actor = requireUser(req);
    const { report } = await reportFor(ctx, actor, req.params.id);
    const { c } = await caseReports(ctx, actor, report.caseId);
    return submit(req, reply, c, editTarget(report.id), (values) =>
      saveReport(ctx, actor, report.id, values),
    );
  });

  app.post<Params>("/tjansteutlatanden/:id/godkann", async (req, reply) => {
    const { version } = formFields(req.body);
    const r = await approveReport(ctx, requireUser(req), req.params.id, Number(version) || undefined);
    return reply.redirect(`/tjansteutlatanden/${r.id}`, 303);
  });
}
