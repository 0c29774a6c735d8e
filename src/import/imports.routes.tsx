import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { listUsers, requireCan } from "../auth/index.ts";
import { listAllUnits } from "../organisation/index.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import { type FieldError, NotFoundError } from "../platform/errors.ts";
import { FILE_TYPES, type FileType } from "../platform/files/file-type.ts";
import { readMultipart } from "../platform/http/multipart.ts";
import { allClasses, getRegistries } from "../registry/index.ts";
import { formFields, handleForm } from "../web/forms.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { formValuesOf, type ImportDraft } from "./imports.model.ts";
import type { ImportReader } from "./imports.reader.ts";
import {
  confirmImport,
  discardImport,
  getImportDraft,
  proposedInternalDeadline,
  unreadImports,
  uploadForImport,
  waitingImports,
} from "./imports.service.ts";
import { pdfFirstPagePng } from "./ocr.ts";
import type { Proposal } from "./proposal.model.ts";
import { type FormValues, ImportReviewPage } from "./views/ImportReviewPage.tsx";
import { ImportDiscardPage, ImportStatusPage } from "./views/ImportStatusPage.tsx";
import { ImportUploadPage } from "./views/ImportUploadPage.tsx";

/** Officers to choose from: the people who handle cases. */
const OFFICER_ROLES = new Set(["handlaggare", "registrator", "admin"]);
const PENDING_LIMIT = 100;

export async function importsRoutes(app: FastifyInstance, { reader }: { reader: ImportReader }) {
  const { ctx } = app;

  const showUpload = async (req: FastifyRequest, reply: FastifyReply, errors: FieldError[]) => {
    const [pending, unread] = await Promise.all([
      waitingImports(ctx, PENDING_LIMIT),
      unreadImports(ctx, PENDING_LIMIT),
    ]);
    return sendPage(
      reply,
      <ImportUploadPage
        view={viewFor(req, reply)}
        maxMb={ctx.config.maxUploadMb}
        pending={pending}
        unread={unread}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  const reviewData = async () => {
    const [registries, classes, units, users] = await Promise.all([
      getRegistries(ctx),
      allClasses(ctx.db, ctx.config.tenantId, stockholmDate(ctx.clock.now())),
      listAllUnits(ctx),
      listUsers(ctx.db, ctx.config.tenantId),
    ]);
    const collator = new Intl.Collator("sv");
    return {
      registries,
      classes,
      units: units.sort((a, b) => collator.compare(a.name, b.name)),
      officers: users
        .filter((u) => OFFICER_ROLES.has(u.role))
        .map((u) => ({ id: u.id, name: u.display_name })),
    };
  };

  const proposed = async (req: FastifyRequest, proposal: Proposal): Promise<FormValues> => {
    const registries = await getRegistries(ctx);
    const actor = req.actor.kind === "user" ? req.actor : null;
    return {
      ...formValuesOf(proposal),
      registryId: registries[0]?.id ?? "",
      unitId: actor?.unitId ?? "",
      officerId: actor?.id ?? "",
      forward: proposal.matches.length > 0 ? "on" : undefined,
      internalDeadline: proposedInternalDeadline(stockholmDate(ctx.clock.now()), proposal.deadline),
    };
  };

  const showReview = async (
    req: FastifyRequest,
    reply: FastifyReply,
    draft: ImportDraft,
    values: FormValues | null,
    errors: FieldError[],
  ) => {
    if (draft.status === "confirmed" && draft.caseId) return reply.redirect(`/arenden/${draft.caseId}`, 303);
    const refresh = (req.query as { uppdatera?: string }).uppdatera !== "nej";
    if (draft.status !== "pending" || !draft.reading)
      return sendPage(reply, <ImportStatusPage view={viewFor(req, reply)} draft={draft} refresh={refresh} />);
    return sendPage(
      reply,
      <ImportReviewPage
        view={viewFor(req, reply)}
        draft={draft}
        reading={draft.reading}
        data={await reviewData()}
        values={values ?? (await proposed(req, draft.reading.proposal))}
        errors={errors}
        today={stockholmDate(ctx.clock.now())}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get("/import", async (req, reply) => {
    requireCan(req, "import.manage");
    return showUpload(req, reply, []);
  });

  app.post("/import", { config: { acceptsUpload: true } }, async (req, reply) => {
    const actor = requireCan(req, "import.manage");
    const file = req.isMultipart() ? readMultipart(req).file : null;
    return handleForm(
      () => uploadForImport(ctx, actor, file),
      (draft) => {
        reader.kick();
        return reply.redirect(`/import/${draft.id}`, 303);
      },
      (errors) => showUpload(req, reply, errors),
    );
  });

  app.get<{ Params: { id: string } }>("/import/:id", async (req, reply) => {
    requireCan(req, "import.manage");
    return showReview(req, reply, await getImportDraft(ctx, req.params.id), null, []);
  });

  app.get<{ Params: { id: string } }>("/import/:id/kassera", async (req, reply) => {
    requireCan(req, "import.manage");
    const draft = await getImportDraft(ctx, req.params.id);
    if (draft.status !== "pending" && draft.status !== "failed")
      return reply.redirect(`/import/${draft.id}`, 303);
    return sendPage(reply, <ImportDiscardPage view={viewFor(req, reply)} draft={draft} />);
  });

  app.post<{ Params: { id: string } }>("/import/:id/kassera", async (req, reply) => {
    const actor = requireCan(req, "import.manage");
    await discardImport(ctx, actor, req.params.id);
    return reply.redirect(`/import/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>("/import/:id", async (req, reply) => {
    const actor = requireCan(req, "import.manage");
    const input = formFields(req.body) as FormValues;
    return handleForm(
      () => confirmImport(ctx, actor, req.params.id, input),
      (done) =>
        reply.redirect(
          done.consultationId ? `/remisser/${done.consultationId}` : `/arenden/${done.caseId}`,
          303,
        ),
      async (errors) => showReview(req, reply, await getImportDraft(ctx, req.params.id), input, errors),
    );
  });

  /** The first page of an uploaded PDF as an image, shown beside the proposal. */
  app.get<{ Params: { id: string } }>("/import/:id/sida-1.png", async (req, reply) => {
    requireCan(req, "import.manage");
    const draft = await getImportDraft(ctx, req.params.id);
    if (draft.fileType !== "pdf") throw new NotFoundError();
    return reply
      .type("image/png")
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(await pdfFirstPagePng(await ctx.files.get(draft.sha256)));
  });

  /** The original file: shown inline only for images (the review page shows scans), else downloaded. */
  app.get<{ Params: { id: string } }>("/import/:id/fil", async (req, reply) => {
    requireCan(req, "import.manage");
    const draft = await getImportDraft(ctx, req.params.id);
    const type = draft.fileType as FileType;
    const inline = type === "png" || type === "jpeg";
    return reply
      .type(FILE_TYPES[type].mime)
      .header(
        "content-disposition",
        `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(draft.fileName)}`,
      )
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(await ctx.files.get(draft.sha256));
  });
}
