import type { FastifyInstance } from "fastify";
import { createUser, findUserById, listUsers, requireCan, revokeAllSessions } from "../auth/index.ts";
import { NotFoundError } from "../platform/errors.ts";
import { formFields, handleForm, type ShowForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { listAllUnits } from "./units.service.ts";
import { NewUserPage } from "./views/NewUserPage.tsx";
import { UsersPage } from "./views/UsersPage.tsx";

const FIELDS = ["username", "displayName", "email", "role", "unitId", "password"] as const;

export async function usersAdminRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get("/admin/anvandare", async (req, reply) => {
    requireCan(req, "user.manage");
    const [users, units] = await Promise.all([listUsers(ctx.db, ctx.config.tenantId), listAllUnits(ctx)]);
    return sendPage(reply, <UsersPage view={viewFor(req, reply)} users={users} units={units} />);
  });

  const showNew: ShowForm = async (req, reply, values, errors) =>
    sendPage(
      reply,
      <NewUserPage
        view={viewFor(req, reply)}
        units={await listAllUnits(ctx)}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );

  app.get("/admin/anvandare/ny", async (req, reply) => {
    requireCan(req, "user.manage");
    return showNew(req, reply, {}, []);
  });

  app.post("/admin/anvandare/ny", async (req, reply) => {
    const actor = requireCan(req, "user.manage");
    const body = (req.body ?? {}) as Record<string, unknown>;
    const fields = formFields(body);
    return handleForm(
      () => createUser(ctx, actor, fields),
      () => reply.redirect("/admin/anvandare", 303),
      (errors) => {
        // Keep every answer except the password.
        const values = Object.fromEntries(
          FIELDS.filter((f) => f !== "password").map((f) => [f, String(body[f] ?? "")]),
        );
        return showNew(req, reply, values, errors);
      },
    );
  });

  app.post<{ Params: { id: string } }>("/admin/anvandare/:id/avsluta-sessioner", async (req, reply) => {
    const actor = requireCan(req, "user.manage");
    const user = await findUserById(ctx.db, actor.tenantId, req.params.id);
    if (!user) throw new NotFoundError();
    await revokeAllSessions(ctx, actor, user.id, {
      ip: req.ip,
      userAgent: req.headers["user-agent"] ?? null,
    });
    return reply.redirect("/admin/anvandare", 303);
  });
}
