import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../../auth/guards.ts";
import { formFields, handleForm } from "../../web/forms.ts";
import { sendPage, viewFor } from "../../web/render.ts";
import { addWatchItem, comparisonsByIndex, listWatchItems, recordComparison } from "./monitoring.service.ts";
import { type FailedForm, MonitoringPage } from "./views/MonitoringPage.tsx";

const PAGE = "/engagemang/omvarld";

/** External monitoring (issue 5, item 8). */
export async function monitoringRoutes(app: FastifyInstance) {
  const { ctx } = app;
  const show = async (req: FastifyRequest, reply: FastifyReply, failed: FailedForm | null) =>
    sendPage(
      reply,
      <MonitoringPage
        view={viewFor(req, reply)}
        items={await listWatchItems(ctx)}
        comparisons={await comparisonsByIndex(ctx)}
        failed={failed}
      />,
      failed ? 422 : 200,
    );

  app.get(PAGE, async (req, reply) => {
    requireCan(req, "followup.view");
    return show(req, reply, null);
  });

  app.post(`${PAGE}/bevakning`, async (req, reply) => {
    const actor = requireCan(req, "monitoring.manage");
    const values = formFields(req.body);
    return handleForm(
      () => addWatchItem(ctx, actor, values),
      () => reply.redirect(PAGE, 303),
      (errors) => show(req, reply, { form: "watch", values, errors }),
    );
  });

  app.post(`${PAGE}/jamforelser`, async (req, reply) => {
    const actor = requireCan(req, "monitoring.manage");
    const values = formFields(req.body);
    return handleForm(
      () => recordComparison(ctx, actor, values),
      () => reply.redirect(PAGE, 303),
      (errors) => show(req, reply, { form: "comparison", values, errors }),
    );
  });
}
