import type { FastifyInstance } from "fastify";
import { actorViewFor, registerFormPage, requireCan } from "../../auth/index.ts";
import { sendPage } from "../../web/render.ts";
import {
  appointableContacts,
  appointContact,
  listNetwork,
  listNetworkMessages,
  networkCsv,
  sendNetworkMessage,
} from "./network.service.ts";
import { ContactNetworkPage } from "./views/ContactNetworkPage.tsx";

/** The international contact network (issue 5, item 6). */
export async function networkRoutes(app: FastifyInstance) {
  const { ctx } = app;
  registerFormPage(app, {
    path: "/engagemang/kontaktnat",
    view: "followup.view",
    show: async (req, reply, failed) =>
      sendPage(
        reply,
        <ContactNetworkPage
          view={actorViewFor(req, reply)}
          entries={await listNetwork(ctx)}
          accounts={await appointableContacts(ctx)}
          messages={await listNetworkMessages(ctx)}
          failed={failed}
        />,
        failed ? 422 : 200,
      ),
    forms: [
      {
        form: "appoint",
        path: "utnamning",
        action: "contact_network.manage",
        save: (by, v) => appointContact(ctx, by, v),
      },
      {
        form: "message",
        path: "meddelande",
        action: "contact_network.manage",
        save: (by, v) => sendNetworkMessage(ctx, by, v),
      },
    ],
  });

  app.get("/engagemang/kontaktnat.csv", async (req, reply) => {
    requireCan(req, "followup.view");
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="kontaktnat.csv"')
      .send(await networkCsv(ctx, req.t));
  });
}
