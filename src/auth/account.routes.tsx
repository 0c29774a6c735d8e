import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type FieldError, NotFoundError } from "../platform/errors.ts";
import { handleForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { requireCan } from "./guards.ts";
import { listActiveSessions } from "./sessions.service.ts";
import { createToken, revokeToken } from "./tokens.service.ts";
import { userTokens } from "./tokens.store.ts";
import { findUserById } from "./users.store.ts";
import { AccountPage } from "./views/AccountPage.tsx";

export async function accountRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: FieldError[]; newToken?: string; status?: number } = {},
  ) => {
    const actor = requireCan(req, "account.manage");
    const [sessions, tokens] = await Promise.all([
      listActiveSessions(ctx, actor.id),
      userTokens(ctx.db, actor.id),
    ]);
    return sendPage(
      reply,
      <AccountPage
        view={viewFor(req, reply)}
        sessions={sessions}
        tokens={tokens}
        errors={extra.errors ?? []}
        newToken={extra.newToken ?? null}
      />,
      extra.status ?? 200,
    );
  };

  app.get("/konto", (req, reply) => show(req, reply));

  // The new token is shown on the answer page once, never stored or shown again.
  app.post("/konto/nycklar", async (req, reply) => {
    const actor = requireCan(req, "account.manage");
    const user = await findUserById(ctx.db, actor.tenantId, actor.id);
    if (!user) throw new NotFoundError();
    const { name } = (req.body ?? {}) as { name?: unknown };
    return handleForm(
      () => createToken(ctx, actor, user, { name }),
      ({ token }) => show(req, reply.header("cache-control", "no-store"), { newToken: token }),
      (errors) => show(req, reply, { errors, status: 422 }),
    );
  });

  app.post<{ Params: { id: string } }>("/konto/nycklar/:id/aterkalla", async (req, reply) => {
    const actor = requireCan(req, "account.manage");
    await revokeToken(ctx, actor, req.params.id);
    return reply.redirect("/konto", 303);
  });
}
