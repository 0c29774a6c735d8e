import type { FastifyInstance } from "fastify";
import { addRoleMapping, listRoleMappings, removeRoleMapping, requireCan } from "../auth/index.ts";
import { formFields, handleForm, type ShowForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { listAllUnits } from "./units.service.ts";
import { OidcMappingsPage } from "./views/OidcMappingsPage.tsx";

/**
 * The admins' mapping from the provider's group and app-role values to a role and unit. It lives
 * here, not in auth, because its unit picker lists the organisation's units.
 */
export async function oidcMappingsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const show: ShowForm = async (req, reply, values, errors) => {
    const [mappings, units] = await Promise.all([listRoleMappings(ctx), listAllUnits(ctx)]);
    return sendPage(
      reply,
      <OidcMappingsPage
        view={viewFor(req, reply)}
        mappings={mappings}
        units={units}
        configured={ctx.config.oidc !== null}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get("/admin/inloggning", async (req, reply) => {
    requireCan(req, "user.manage");
    return show(req, reply, {}, []);
  });

  app.post("/admin/inloggning/ny", async (req, reply) => {
    const actor = requireCan(req, "user.manage");
    const values = formFields(req.body);
    return handleForm(
      () => addRoleMapping(ctx, actor, values),
      () => reply.redirect("/admin/inloggning", 303),
      (errors) => show(req, reply, values, errors),
    );
  });

  app.post<{ Params: { id: string } }>("/admin/inloggning/:id/ta-bort", async (req, reply) => {
    const actor = requireCan(req, "user.manage");
    await removeRoleMapping(ctx, actor, req.params.id);
    return reply.redirect("/admin/inloggning", 303);
  });
}
