import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { formFields, handleForm } from "../../web/forms.ts";
import { sendPage, viewFor } from "../../web/render.ts";
import { handleCopyRequest, pendingCopyRequests } from "./copy-requests.service.ts";
import { CopyRequestsPage } from "./views/CopyRequestsPage.tsx";

const idParams = z.object({ id: z.string().max(100) });

/** The registry's inbox of copy requests from the public register. */
export async function copyRequestsRoutes(app: FastifyInstance) {
  const { ctx } = app;
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    failed: { id: string; values: Record<string, string>; errors: FieldError[] } | null,
  ) =>
    sendPage(
      reply,
      <CopyRequestsPage
        view={viewFor(req, reply)}
        requests={await pendingCopyRequests(ctx, requireCan(req, "copy_request.handle"))}
        failed={failed}
      />,
      failed ? 422 : 200,
    );

  app.get("/begaranden", async (req, reply) => {
    requireCan(req, "copy_request.handle");
    return show(req, reply, null);
  });

  app.post("/begaranden/:id/hantera", async (req, reply) => {
    const actor = requireCan(req, "copy_request.handle");
    const { id } = idParams.parse(req.params);
    const values = formFields(req.body);
    return handleForm(
      () => handleCopyRequest(ctx, actor, id, values),
      () => reply.redirect("/begaranden", 303),
      (errors) => show(req, reply, { id, values, errors }),
    );
  });
}
