import type { FastifyInstance } from "fastify";
import { requireCan } from "../auth/index.ts";
import { formFields, handleForm, type ShowForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import {
  getDecisions,
  getDisposalRecords,
  previewDisposal,
  recordDecision,
  runDisposal,
} from "./disposal.service.ts";
import { DisposalPage } from "./views/DisposalPage.tsx";
import { DisposalPreviewPage } from "./views/DisposalPreviewPage.tsx";

const RECORDS_SHOWN = 200;
/** R6: disposal decisions, a previewed run and its confirmation, and the permanent records. */
export async function disposalRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const show: ShowForm = async (req, reply, values, errors) => {
    const [decisions, { records, total }] = await Promise.all([
      getDecisions(ctx),
      getDisposalRecords(ctx, RECORDS_SHOWN),
    ]);
    const disposed = /^\d{1,9}$/.exec(String((req.query as Record<string, unknown>).gallrade ?? ""));
    return sendPage(
      reply,
      <DisposalPage
        view={viewFor(req, reply)}
        decisions={decisions}
        records={records}
        totalRecords={total}
        disposedNow={disposed ? Number(disposed[0]) : null}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get("/admin/gallring", async (req, reply) => {
    requireCan(req, "disposal.manage");
    return show(req, reply, {}, []);
  });

  app.post("/admin/gallring/beslut", async (req, reply) => {
    const actor = requireCan(req, "disposal.manage");
    const fields = formFields(req.body);
    return handleForm(
      () => recordDecision(ctx, actor, fields),
      () => reply.redirect("/admin/gallring", 303),
      (errors) => show(req, reply, fields, errors),
    );
  });

  app.get("/admin/gallring/forhandsgranskning", async (req, reply) => {
    requireCan(req, "disposal.manage");
    const plan = await previewDisposal(ctx);
    return sendPage(reply, <DisposalPreviewPage view={viewFor(req, reply)} plan={plan} />);
  });

  app.post("/admin/gallring/verkstall", async (req, reply) => {
    const actor = requireCan(req, "disposal.manage");
    const done = await runDisposal(ctx, actor);
    return reply.redirect(`/admin/gallring?gallrade=${done.eligible.length}`, 303);
  });
}
