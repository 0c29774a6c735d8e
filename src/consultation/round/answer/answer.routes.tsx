import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../../../auth/index.ts";
import { type FieldError, NotFoundError } from "../../../platform/errors.ts";
import { readMultipart } from "../../../platform/http/multipart.ts";
import { getCaseDocuments, getDocument, getDocumentFiles, sendStoredFile } from "../../../registry/index.ts";
import { formFields, handleForm } from "../../../web/forms.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { type Answerer, accessByLink, accessForUser, type BodyAccess } from "../body-access.ts";
import { requestExtension } from "../extension/extension.command.ts";
import { materialFor, sendableMaterial } from "../material.ts";
import { roundFor } from "../round-title.ts";
import { answerConsultation, declineConsultation, markOpened } from "./answer.command.ts";
import { unitInbox } from "./inbox.ts";
import { AnswerPage } from "./views/AnswerPage.tsx";
import { InboxPage } from "./views/InboxPage.tsx";

/** Whom a body's page is shown to: a link's holder is nobody in particular (the public's view). */
const readerOf = (who: Answerer) => (who === "link" || who === "mail" ? null : who);

/** How a request reaches a body's page: by its personal link, or signed in from the inbox. */
interface Door {
  prefix: string;
  param: string;
  open: (req: FastifyRequest, key: string) => Promise<{ access: BodyAccess; who: Answerer }>;
}

/**
 * The bodies' side of a round: the answer page by personal link (no login; the link is the key)
 * and for signed-in users of the body's unit, with answering, asking for more time and
 * declining; the unit's inbox; the material for download.
 */
export async function answerRoutes(app: FastifyInstance) {
  const { ctx } = app;

  const doors: Door[] = [
    {
      prefix: "/svar/:secret",
      param: "secret",
      open: async (_req, secret) => ({ access: await accessByLink(ctx, secret), who: "link" }),
    },
    {
      prefix: "/remissvar/:rid",
      param: "rid",
      open: async (req, rid) => {
        const actor = requireCan(req, "case.view");
        return { access: await accessForUser(ctx, actor, rid), who: actor };
      },
    },
  ];

  /** The material as the reader may see it: a link's holder and the body's own people see the public register's descriptions. */
  const material = async (reader: Answerer, access: BodyAccess) =>
    materialFor(
      readerOf(reader),
      access.c,
      (await getCaseDocuments(ctx, access.consultation.caseId)).filter((d) =>
        access.consultation.documentIds.includes(d.id),
      ),
    );

  for (const door of doors) {
    const keyOf = (req: FastifyRequest) => (req.params as Record<string, string>)[door.param] ?? "";
    const show = async (
      req: FastifyRequest,
      reply: FastifyReply,
      { access, who }: { access: BodyAccess; who: Answerer },
      values: Record<string, string>,
      errors: FieldError[],
    ) =>
      sendPage(
        reply,
        <AnswerPage
          view={viewFor(req, reply)}
          access={{ ...access, consultation: roundFor(readerOf(who), access.consultation, access.c) }}
          material={await material(who, access)}
          values={values}
          errors={errors}
        />,
        errors.length > 0 ? 422 : 200,
      );

    app.get(door.prefix, async (req, reply) => {
      const opened = await door.open(req, keyOf(req));
      await markOpened(ctx, opened.access);
      return show(req, reply, opened, {}, []);
    });

    app.get<{ Params: { documentId: string } }>(`${door.prefix}/material/:documentId`, async (req, reply) => {
      const { access } = await door.open(req, keyOf(req));
      if (!access.consultation.documentIds.includes(req.params.documentId)) throw new NotFoundError();
      // Material marked secret after the round went out is no longer handed out.
      if (!sendableMaterial(await getDocument(ctx, req.params.documentId))) throw new NotFoundError();
      const file = (await getDocumentFiles(ctx, req.params.documentId)).at(-1);
      if (!file || file.disposed_at) throw new NotFoundError();
      return sendStoredFile(ctx, reply, file);
    });

    app.post(
      `${door.prefix}/svar`,
      { config: { acceptsUpload: true, uploadByLink: door.param === "secret" } },
      async (req, reply) => {
        const { access, who } = await door.open(req, keyOf(req));
        const { fields, file } = req.isMultipart()
          ? readMultipart(req)
          : { fields: formFields(req.body), file: null };
        const { _csrf, ...input } = fields;
        return handleForm(
          () => answerConsultation(ctx, who, access, input, file),
          () => reply.redirect(access.base, 303),
          (errors) => show(req, reply, { access, who }, input, errors),
        );
      },
    );

    const STEPS = { anstand: requestExtension, avstar: declineConsultation } as const;
    for (const [path, step] of Object.entries(STEPS)) {
      app.post(`${door.prefix}/${path}`, async (req, reply) => {
        const { access, who } = await door.open(req, keyOf(req));
        const input = formFields(req.body);
        return handleForm(
          () => step(ctx, who, access, input),
          () => reply.redirect(access.base, 303),
          (errors) => show(req, reply, { access, who }, input, errors),
        );
      });
    }
  }

  app.get("/mina-remisser", async (req, reply) => {
    const actor = requireCan(req, "consultation.inbox");
    return sendPage(
      reply,
      <InboxPage view={viewFor(req, reply)} items={await unitInbox(ctx, actor, actor.unitId ?? "")} />,
    );
  });
}
