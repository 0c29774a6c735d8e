import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../auth/guards.ts";
import { can } from "../auth/policy.ts";
import { stockholmDate } from "../platform/clock.ts";
import { AppError, type FieldError, NotFoundError } from "../platform/errors.ts";
import { readMultipart } from "../platform/http/multipart.ts";
import { Table } from "../web/components/Table.tsx";
import { formFields, handleForm } from "../web/forms.ts";
import { Layout } from "../web/Layout.tsx";
import { sendPage, viewFor } from "../web/render.ts";
import { getCase } from "./cases.service.ts";
import { disposalOfFile, disposalsOfDocument } from "./disposal.service.ts";
import { sendDisposedFile } from "./disposed-file.tsx";
import type { RegistryDocument } from "./documents.model.ts";
import {
  addFileVersion,
  finalizeDocument,
  getDocument,
  getDocumentFiles,
  registerDocument,
  signOff,
  type UploadedFile,
} from "./documents.service.ts";
import { openDueItems } from "./documents.store.ts";
import { sendStoredFile } from "./file-response.ts";
import { getSecrecyGrounds } from "./secrecy-grounds.service.ts";
import { DocumentFormPage } from "./views/DocumentFormPage.tsx";
import { DocumentPage } from "./views/DocumentPage.tsx";

/** A form posted as multipart (with a file) or as a plain form (without). */
function formOf(req: FastifyRequest): { fields: Record<string, string>; file: UploadedFile | null } {
  if (req.isMultipart()) return readMultipart(req);
  return { fields: formFields(req.body), file: null };
}

/** Drafts and secret documents are shown in full only to those allowed (R2, R4). */
export const isRestrictedFor = (req: FastifyRequest, doc: RegistryDocument) =>
  (doc.secrecy !== null || doc.status === "draft") && !can(req.actor, "document.view_restricted");

export async function documentsRoutes(app: FastifyInstance) {
  const { ctx } = app;
  const maxMb = ctx.config.maxUploadMb;

  const showForm = async (
    req: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    values: Record<string, string>,
    errors: FieldError[],
  ) =>
    sendPage(
      reply,
      <DocumentFormPage
        view={viewFor(req, reply)}
        c={await getCase(ctx, caseId)}
        values={values}
        errors={errors}
        maxMb={maxMb}
        grounds={await getSecrecyGrounds(ctx)}
      />,
      errors.length > 0 ? 422 : 200,
    );

  const showDocument = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    errors: FieldError[] = [],
  ) => {
    requireCan(req, "case.view");
    // A refused step shows its form again with the answers given.
    const values = errors.length > 0 && !req.isMultipart() ? formFields(req.body) : {};
    const doc = await getDocument(ctx, id);
    const restricted = isRestrictedFor(req, doc);
    // A draft is not a public record: those who may not see drafts do not learn it exists.
    if (doc.status === "draft" && restricted) throw new NotFoundError();
    const [c, files, disposals] = await Promise.all([
      getCase(ctx, doc.caseId),
      getDocumentFiles(ctx, doc.id),
      disposalsOfDocument(ctx, doc.id),
    ]);
    return sendPage(
      reply,
      <DocumentPage
        view={viewFor(req, reply)}
        c={c}
        doc={doc}
        files={files}
        disposals={disposals}
        restricted={restricted}
        errors={errors}
        values={values}
        maxMb={maxMb}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  /** Runs a step on a document page; invalid input shows the page again with the errors. */
  const step = async (req: FastifyRequest, reply: FastifyReply, id: string, run: () => Promise<unknown>) => {
    return handleForm(
      run,
      () => reply.redirect(`/handlingar/${id}`, 303),
      (errors) => showDocument(req, reply, id, errors),
    );
  };

  app.get<{ Params: { id: string } }>("/arenden/:id/handlingar/ny", async (req, reply) => {
    requireCan(req, "document.create");
    // R3: the form proposes today's date.
    return showForm(
      req,
      reply,
      req.params.id,
      { direction: "incoming", date: stockholmDate(ctx.clock.now()) },
      [],
    );
  });

  app.post<{ Params: { id: string } }>(
    "/arenden/:id/handlingar",
    { config: { acceptsUpload: true } },
    async (req, reply) => {
      const actor = requireCan(req, "document.create");
      const { fields, file } = formOf(req);
      const input = formFields(fields);
      return handleForm(
        () => registerDocument(ctx, actor, req.params.id, input, file),
        (doc) => reply.redirect(`/handlingar/${doc.id}`, 303),
        (errors) => showForm(req, reply, req.params.id, input, errors),
      );
    },
  );

  app.get<{ Params: { id: string } }>("/handlingar/:id", (req, reply) =>
    showDocument(req, reply, req.params.id),
  );

  app.get<{ Params: { id: string; version: string } }>(
    "/handlingar/:id/filer/:version",
    async (req, reply) => {
      requireCan(req, "case.view");
      const doc = await getDocument(ctx, req.params.id);
      if (isRestrictedFor(req, doc)) throw new NotFoundError();
      const file = (await getDocumentFiles(ctx, doc.id)).find(
        (f) => String(f.version) === req.params.version,
      );
      if (!file) throw new NotFoundError();
      if (file.disposed_at) return sendDisposedFile(req, reply, doc.id, await disposalOfFile(ctx, file));
      return sendStoredFile(ctx, reply, file);
    },
  );

  app.post<{ Params: { id: string } }>(
    "/handlingar/:id/versioner",
    { config: { acceptsUpload: true } },
    async (req, reply) => {
      const actor = requireCan(req, "document.create");
      const { file } = formOf(req);
      return step(req, reply, req.params.id, () =>
        file
          ? addFileVersion(ctx, actor, req.params.id, file)
          : Promise.reject(
              new AppError(422, "invalid", "no file", [{ field: "file", message: "validation.required" }]),
            ),
      );
    },
  );

  app.post<{ Params: { id: string } }>("/handlingar/:id/registrera", async (req, reply) => {
    const actor = requireCan(req, "document.create");
    return step(req, reply, req.params.id, () => finalizeDocument(ctx, actor, req.params.id));
  });

  app.post<{ Params: { id: string } }>("/handlingar/:id/avskriv", async (req, reply) => {
    const actor = requireCan(req, "document.sign_off");
    return step(req, reply, req.params.id, () => signOff(ctx, actor, req.params.id, formOf(req).fields));
  });

  app.get("/mina-bevakningar", async (req, reply) => {
    const actor = requireCan(req, "document.sign_off");
    const items = await openDueItems(ctx.db, ctx.config.tenantId, actor.id);
    const view = viewFor(req, reply);
    const { t } = view;
    const today = stockholmDate(ctx.clock.now());
    return sendPage(
      reply,
      <Layout view={view} title={t("due.title")}>
        <h1 safe>{t("due.title")}</h1>
        <Table
          caption={t("due.caption")}
          empty={t("due.none")}
          rows={items}
          columns={[
            {
              header: t("document.due_date"),
              cell: (d) => <span safe>{d.due_date ?? ""}</span>,
              rowHeader: true,
            },
            {
              header: t("document.description"),
              cell: (d) => (
                <a href={`/handlingar/${d.id}`} safe>
                  {d.description}
                </a>
              ),
            },
            { header: t("case.diary_number"), cell: (d) => <span safe>{d.diary_number}</span> },
            {
              header: t("case.status"),
              cell: (d) =>
                d.due_date && d.due_date < today ? (
                  <strong class="overdue" safe>
                    {t("document.overdue")}
                  </strong>
                ) : (
                  "–"
                ),
            },
          ]}
        />
      </Layout>,
    );
  });
}
