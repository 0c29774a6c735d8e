import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actorViewFor, requireCan } from "../auth/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { FieldError } from "../platform/errors.ts";
import { readMultipart } from "../platform/http/multipart.ts";
import { formFields, handleForm } from "../web/forms.ts";
import { sendPage } from "../web/render.ts";
import { caseFormData } from "./case-form-data.ts";
import type { UploadedFile } from "./documents.service.ts";
import { registerIncoming } from "./incoming.service.ts";
import { getSecrecyGrounds } from "./secrecy-grounds.service.ts";
import { IncomingFormPage } from "./views/IncomingFormPage.tsx";

/** "Registrera inkommande handling": incoming post into an existing or a new case in one step (issue 17). */
export async function incomingRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
  ) =>
    sendPage(
      reply,
      <IncomingFormPage
        view={actorViewFor(req, reply)}
        data={await caseFormData(ctx)}
        grounds={await getSecrecyGrounds(ctx)}
        values={values}
        errors={errors}
        maxMb={ctx.config.maxUploadMb}
      />,
      errors.length > 0 ? 422 : 200,
    );

  app.get("/registrera", async (req, reply) => {
    const actor = requireCan(req, "case.create");
    const registries = (await caseFormData(ctx)).registries;
    // R3: today's date proposed; a new case is proposed for the clerk's own unit and registry.
    return show(
      req,
      reply,
      {
        date: stockholmDate(ctx.clock.now()),
        registryId: registries[0]?.id ?? "",
        unitId: actor.unitId ?? "",
      },
      [],
    );
  });

  app.post("/registrera", { config: { acceptsUpload: true } }, async (req, reply) => {
    const actor = requireCan(req, "case.create");
    const { fields, file } = req.isMultipart()
      ? readMultipart(req)
      : { fields: formFields(req.body), file: null as UploadedFile | null };
    const input = formFields(fields);
    return handleForm(
      () => registerIncoming(ctx, actor, input, file),
      ({ document }) => reply.redirect(`/handlingar/${document.id}`, 303),
      (errors) => show(req, reply, input, errors),
    );
  });
}
