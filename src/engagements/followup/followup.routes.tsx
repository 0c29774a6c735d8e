import type { FastifyInstance } from "fastify";
import { requireCan } from "../../auth/index.ts";
import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import { sendPage, viewFor } from "../../web/render.ts";
import { listNetwork } from "../network/network.service.ts";
import { dueItems } from "../reviews/reviews.service.ts";
import { isOpenRequest, listVisitRequests } from "../visits/visits.service.ts";
import { FollowupPage } from "./FollowupPage.tsx";

/** The follow-up's start page (issue 5, items 4–8). */
export async function followupRoutes(app: FastifyInstance) {
  const { ctx } = app;
  app.get("/uppfoljning", async (req, reply) => {
    requireCan(req, "followup.view");
    const [visits, due, network] = await Promise.all([
      listVisitRequests(ctx),
      dueItems(ctx),
      listNetwork(ctx),
    ]);
    const figures = {
      visitsWaiting: visits.filter(isOpenRequest).length,
      reviewsDue: due.filter((d) => d.kind === "review").length,
      unitsWithoutContact: network.filter((e) => !e.contact).length,
      lastYear: Number(stockholmDate(ctx.clock.now()).slice(0, 4)) - 1,
    };
    return sendPage(reply, <FollowupPage view={viewFor(req, reply)} figures={figures} />);
  });
}
