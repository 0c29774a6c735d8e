import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../auth/index.ts";
import { type FieldError, ValidationError } from "../platform/errors.ts";
import { readMultipart } from "../platform/http/multipart.ts";
import { formFields, handleForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { classesCsv } from "./classification.csv.ts";
import { versionAnswers } from "./classification.model.ts";
import { applyClassImport, planClassImport } from "./classification-import.service.ts";
import {
  changeClass,
  createClass,
  getMaintainedClass,
  getMaintainedClasses,
  setClassInUse,
} from "./classification-maintenance.service.ts";
import { ClassesPage } from "./views/ClassesPage.tsx";
import { CLASSES_BASE, ClassFormPage } from "./views/ClassFormPage.tsx";
import { ClassImportPreviewPage } from "./views/ClassImportPreviewPage.tsx";

/** The admin pages of the classification scheme (issue 17): part of configuring the registry. */
export async function classificationRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const showList = async (req: FastifyRequest, reply: FastifyReply, errors: FieldError[]) => {
    const { scheme, classes } = await getMaintainedClasses(ctx);
    const imported = /^\d{1,6}$/.exec(String((req.query as Record<string, unknown>).importerade ?? ""));
    return sendPage(
      reply,
      <ClassesPage
        view={viewFor(req, reply)}
        scheme={scheme}
        classes={classes}
        imported={imported ? Number(imported[0]) : null}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string | null,
    values: Record<string, string> | null,
    errors: FieldError[],
  ) => {
    const existing = id ? await getMaintainedClass(ctx, id) : null;
    const shown = values ?? (existing ? versionAnswers(existing.current) : {});
    return sendPage(
      reply,
      <ClassFormPage view={viewFor(req, reply)} existing={existing} values={shown} errors={errors} />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get(CLASSES_BASE, async (req, reply) => {
    requireCan(req, "registry.configure");
    return showList(req, reply, []);
  });

  app.get(`${CLASSES_BASE}.csv`, async (req, reply) => {
    requireCan(req, "registry.configure");
    const { classes } = await getMaintainedClasses(ctx);
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", 'attachment; filename="klassificering.csv"')
      .send(classesCsv(classes));
  });

  app.get(`${CLASSES_BASE}/ny`, async (req, reply) => {
    requireCan(req, "registry.configure");
    return showForm(req, reply, null, {}, []);
  });

  app.post(`${CLASSES_BASE}/ny`, async (req, reply) => {
    const actor = requireCan(req, "registry.configure");
    const fields = formFields(req.body);
    return handleForm(
      () => createClass(ctx, actor, fields),
      (id) => reply.redirect(`${CLASSES_BASE}/${id}`, 303),
      (errors) => showForm(req, reply, null, fields, errors),
    );
  });

  app.get<{ Params: { id: string } }>(`${CLASSES_BASE}/:id`, async (req, reply) => {
    requireCan(req, "registry.configure");
    return showForm(req, reply, req.params.id, null, []);
  });

  app.post<{ Params: { id: string } }>(`${CLASSES_BASE}/:id`, async (req, reply) => {
    const actor = requireCan(req, "registry.configure");
    const fields = formFields(req.body);
    return handleForm(
      () => changeClass(ctx, actor, req.params.id, fields),
      () => reply.redirect(`${CLASSES_BASE}/${req.params.id}`, 303),
      (errors) => showForm(req, reply, req.params.id, fields, errors),
    );
  });

  for (const [step, inUse] of [
    ["avveckla", false],
    ["ta-i-bruk", true],
  ] as const) {
    app.post<{ Params: { id: string } }>(`${CLASSES_BASE}/:id/${step}`, async (req, reply) => {
      const actor = requireCan(req, "registry.configure");
      await setClassInUse(ctx, actor, req.params.id, inUse);
      return reply.redirect(CLASSES_BASE, 303);
    });
  }

  // The preview: the whole file checked, every problem with its line; nothing written.
  app.post(`${CLASSES_BASE}/import`, { config: { acceptsUpload: true } }, async (req, reply) => {
    requireCan(req, "registry.configure");
    const file = req.isMultipart() ? readMultipart(req).file : null;
    if (!file) return showList(req, reply, [{ field: "file", message: "classification.file_required" }]);
    const csv = file.bytes.toString("utf8");
    return handleForm(
      () => planClassImport(ctx, csv),
      (plan) => sendPage(reply, <ClassImportPreviewPage view={viewFor(req, reply)} plan={plan} csv={csv} />),
      (errors) => showList(req, reply, errors),
    );
  });

  app.post(`${CLASSES_BASE}/import/genomfor`, async (req, reply) => {
    const actor = requireCan(req, "registry.configure");
    const csv = formFields(req.body).csv ?? "";
    return handleForm(
      async () => {
        if (!csv) throw new ValidationError([{ field: "file", message: "classification.file_required" }]);
        return applyClassImport(ctx, actor, csv);
      },
      (plan) =>
        reply.redirect(
          `${CLASSES_BASE}?importerade=${plan.classes.filter((c) => !c.changes.includes("unchanged")).length}`,
          303,
        ),
      (errors) => showList(req, reply, errors),
    );
  });
}
