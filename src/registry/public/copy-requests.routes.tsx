import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { readMultipart } from "../../platform/http/multipart.ts";
import { isOneOf } from "../../platform/validation.ts";
import { formFields, handleForm } from "../../web/forms.ts";
import { sendPage, viewFor } from "../../web/render.ts";
import { labelOf } from "../secrecy-grounds.model.ts";
import { getSecrecyGrounds } from "../secrecy-grounds.service.ts";
import { decideCopyRequest } from "./copy-decision.service.ts";
import { REQUEST_FILTERS } from "./copy-requests.model.ts";
import { copyRequestDetail, copyRequestList } from "./copy-requests.service.ts";
import { CopyRequestDetailPage } from "./views/CopyRequestDetailPage.tsx";
import { CopyRequestsPage } from "./views/CopyRequestsPage.tsx";
import { requestPath } from "./views/request-parts.tsx";

const idParams = z.object({ id: z.string().max(100) });

/** The registry's requests for official documents (R12): the list, one request, its decision. */
export async function copyRequestsRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get("/begaranden", async (req, reply) => {
    const actor = requireCan(req, "copy_request.handle");
    const asked = (req.query as Record<string, unknown>).visa;
    const filter = isOneOf(REQUEST_FILTERS, asked) ? asked : "new";
    const requests = await copyRequestList(ctx, actor, filter === "all" ? null : filter);
    return sendPage(
      reply,
      <CopyRequestsPage view={viewFor(req, reply)} requests={requests} filter={filter} />,
    );
  });

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    failed: { values: Record<string, string>; errors: FieldError[] } | null,
  ) => {
    const { request, history } = await copyRequestDetail(ctx, requireCan(req, "copy_request.handle"), id);
    const provisions = (await getSecrecyGrounds(ctx))
      .filter((g) => g.retiredAt === null)
      .map((g): [string, string] => [g.citation, labelOf(g)]);
    return sendPage(
      reply,
      <CopyRequestDetailPage
        view={viewFor(req, reply)}
        request={request}
        history={history}
        provisions={provisions}
        values={failed?.values ?? {}}
        errors={failed?.errors ?? []}
      />,
      failed ? 422 : 200,
    );
  };

  app.get("/begaranden/:id", async (req, reply) => {
    requireCan(req, "copy_request.handle");
    return show(req, reply, idParams.parse(req.params).id, null);
  });

  app.post("/begaranden/:id/beslut", { config: { acceptsUpload: true } }, async (req, reply) => {
    const actor = requireCan(req, "copy_request.handle");
    const { id } = idParams.parse(req.params);
    // The form is multipart for its masked copy; a plain form (no file) decides as well.
    const { fields: values, file } = req.isMultipart()
      ? readMultipart(req, "maskedCopy")
      : { fields: formFields(req.body), file: null };
    return handleForm(
      () => decideCopyRequest(ctx, actor, id, values, file),
      () => reply.redirect(requestPath(id), 303),
      (errors) => show(req, reply, id, { values, errors }),
    );
  });
}
