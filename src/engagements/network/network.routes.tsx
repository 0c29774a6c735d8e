import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../../auth/guards.ts";
import { formFields, handleForm } from "../../web/forms.ts";
import { sendPage, viewFor } from "../../web/render.ts";
import { appointContact, listNetwork, listNetworkMessages, sendNetworkMessage } from "./network.service.ts";
import { ContactNetworkPage, type FailedForm } from "./views/ContactNetworkPage.tsx";

const PAGE = "/engagemang/kontaktnat";

/** The international contact network (issue 5, item 6). */
export async function networkRoutes(app: FastifyInstance) {
  const { ctx } = app;
  const show = async (req: FastifyRequest, reply: FastifyReply, failed: FailedForm | null) =>
    sendPage(
      reply,
      <ContactNetworkPage
        view={viewFor(req, reply)}
        entries={await listNetwork(ctx)}
        messages={await listNetworkMessages(ctx)}
        failed={failed}
      />,
      failed ? 422 : 200,
    );

  app.get(PAGE, async (req, reply) => {
    requireCan(req, "followup.view");
    return show(req, reply, null);
  });

  app.post(`${PAGE}/utnamning`, async (req, reply) => {
    const actor = requireCan(req, "contact_network.manage");
    const values = formFields(req.body);
    return handleForm(
      () => appointContact(ctx, actor, values),
      () => reply.redirect(PAGE, 303),
      (errors) => show(req, reply, { form: "appoint", values, errors }),
    );
  });

  app.post(`${PAGE}/meddelande`, async (req, reply) => {
    const actor = requireCan(req, "contact_network.manage");
    const values = formFields(req.body);
    return handleForm(
      () => sendNetworkMessage(ctx, actor, values),
      () => reply.redirect(PAGE, 303),
      (errors) => show(req, reply, { form: "message", values, errors }),
    );
  });
}
