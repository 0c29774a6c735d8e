import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actorViewFor, requireCan, requireUser } from "../auth/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import { AppError, type FieldError, NotFoundError } from "../platform/errors.ts";
import { readMultipart } from "../platform/http/multipart.ts";
import { Table } from "../web/components/Table.tsx";
import { formFields, handleForm } from "../web/forms.ts";
import { Layout } from "../web/Layout.tsx";
import { sendPage, viewFor } from "../web/render.ts";
import { documentRestricted, requireCaseWrite, seesCaseInFull } from "./case-visibility.ts";
import { getCase } from "./cases.service.ts";
import { disposalOfFile, disposalsOfDocument } from "./disposal.service.ts";
import { sendDisposedFile } from "./disposed-file.tsx";
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
    const actor = requireCan(req, "case.view");
    // A refused step shows its form again with the answers given.
    const values = errors.length > 0 && !req.isMultipart() ? formFields(req.body) : {};
    const doc = await getDocument(ctx, id);
    const c = await getCase(ctx, doc.caseId);
    const full = seesCaseInFull(actor, c);
    // A draft is not a public record: those outside the case do not learn it exists.
    if (doc.status === "draft" && !full) throw new NotFoundError();
    const [files, disposals] = await Promise.all([
      getDocumentFiles(ctx, doc.id),
      disposalsOfDocument(ctx, doc.id),
    ]);
    return sendPage(
      reply,
      <DocumentPage
        view={actorViewFor(req, reply)}
        c={c}
        doc={doc}
        files={files}
        disposals={disposals}
        full={full}
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

  /** Loads a document and its case, and refuses the write unless the actor may do it to that case. */
  const documentForWrite = async (
    req: FastifyRequest,
    id: string,
    action: "document.create" | "document.sign_off",
  ) => {
    const actor = requireUser(req);
    const doc = await getDocument(ctx, id);
    requireCaseWrite(actor, action, await getCase(ctx, doc.caseId), doc);
    return actor;
  };

  app.get<{ Params: { id: string } }>("/arenden/:id/handlingar/ny", async (req, reply) => {
    requireCaseWrite(requireUser(req), "document.create", await getCase(ctx, req.params.id));
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
      const actor = requireUser(req);
      requireCaseWrite(actor, "document.create", await getCase(ctx, req.params.id));
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
      const actor = requireCan(req, "case.view");
      const doc = await getDocument(ctx, req.params.id);
      if (documentRestricted(doc, seesCaseInFull(actor, await getCase(ctx, doc.caseId))))
        throw new NotFoundError();
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
      const actor = await documentForWrite(req, req.params.id, "document.create");
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
    const actor = await documentForWrite(req, req.params.id, "document.create");
    return step(req, reply, req.params.id, () => finalizeDocument(ctx, actor, req.params.id));
  });

  app.post<{ Params: { id: string } }>("/handlingar/:id/avskriv", async (req, reply) => {
    const actor = await documentForWrite(req, req.params.id, "document.sign_off");
    return step(req, reply, req.params.id, () => signOff(ctx, actor, req.params.id, formOf(req).fields));
  });

  app.get("/mina-bevakningar", async (req, reply) => {
    // The due items of the cases the actor is the officer of: those they may sign off.
    const actor = requireUser(req);
    requireCan(req, "document.sign_off", { officerId: actor.id });
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
              cell: (d) => (
                <span class="nowrap" safe>
                  {d.due_date ?? ""}
                </span>
              ),
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
            {
              header: t("case.diary_number"),
              cell: (d) => (
                <span class="nowrap" safe>
                  {d.diary_number}
                </span>
              ),
            },
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
