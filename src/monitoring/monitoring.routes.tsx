import type { FastifyInstance } from "fastify";
import { actorViewFor, registerFormPage } from "../auth/index.ts";
import { sendPage } from "../web/render.ts";
import { addWatchItem, comparisonsByIndex, listWatchItems, recordComparison } from "./monitoring.service.ts";
import { MonitoringPage } from "./views/MonitoringPage.tsx";

/** External monitoring (issue 5, item 8). */
export async function monitoringRoutes(app: FastifyInstance) {
  const { ctx } = app;
  registerFormPage(app, {
    path: "/engagemang/omvarld",
    view: "followup.view",
    show: async (req, reply, failed) =>
      sendPage(
        reply,
        <MonitoringPage
          view={actorViewFor(req, reply)}
          items={await listWatchItems(ctx)}
          comparisons={await comparisonsByIndex(ctx)}
          failed={failed}
        />,
        failed ? 422 : 200,
      ),
    forms: [
      {
        form: "watch",
        path: "bevakning",
        action: "monitoring.manage",
        save: (by, v) => addWatchItem(ctx, by, v),
      },
      {
        form: "comparison",
        path: "jamforelser",
        action: "monitoring.manage",
        save: (by, v) => recordComparison(ctx, by, v),
      },
    ],
  });
}
