import type { FastifyInstance } from "fastify";
import { actorViewFor, registerFormPage } from "../../auth/index.ts";
import { sendPage } from "../../web/render.ts";
import { appointContact, listNetwork, listNetworkMessages, sendNetworkMessage } from "./network.service.ts";
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
}
