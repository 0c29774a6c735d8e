import type { FastifyInstance } from "fastify";
import { requireCan } from "../auth/index.ts";
import { formFields, handleForm, type ShowForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import {
  addSecrecyGround,
  getGroundUse,
  getSecrecyGrounds,
  setSecrecyGroundInUse,
} from "./secrecy-grounds.service.ts";
import { SecrecyGroundsPage } from "./views/SecrecyGroundsPage.tsx";

const BASE = "/admin/sekretessgrunder";

/** The admin page of the secrecy grounds (issue 14): part of configuring the registry. */
export async function secrecyGroundsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const show: ShowForm = async (req, reply, values, errors) => {
    const [grounds, use] = await Promise.all([getSecrecyGrounds(ctx), getGroundUse(ctx)]);
    return sendPage(
      reply,
      <SecrecyGroundsPage
        view={viewFor(req, reply)}
        grounds={grounds}
        use={use}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get(BASE, async (req, reply) => {
    requireCan(req, "registry.configure");
    return show(req, reply, {}, []);
  });

  app.post(BASE, async (req, reply) => {
    const actor = requireCan(req, "registry.configure");
    const fields = formFields(req.body);
    return handleForm(
      () => addSecrecyGround(ctx, actor, fields),
      () => reply.redirect(BASE, 303),
      (errors) => show(req, reply, fields, errors),
    );
  });

  for (const [step, inUse] of [
    ["avveckla", false],
    ["ta-i-bruk", true],
  ] as const) {
    app.post<{ Params: { id: string } }>(`${BASE}/:id/${step}`, async (req, reply) => {
      const actor = requireCan(req, "registry.configure");
      await setSecrecyGroundInUse(ctx, actor, req.params.id, inUse);
      return reply.redirect(BASE, 303);
    });
  }
}
