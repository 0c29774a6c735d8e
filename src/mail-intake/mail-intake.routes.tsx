import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { actorViewFor, requireCan } from "../auth/index.ts";
import type { FieldError } from "../platform/errors.ts";
import { NotFoundError } from "../platform/errors.ts";
import { sendStoredFile } from "../registry/index.ts";
import { formFields, handleForm } from "../web/forms.ts";
import { sendPage } from "../web/render.ts";
import { fileReceivedMail } from "./filing.service.ts";
import type { FileInput } from "./received-mail.model.ts";
import { bodiesNamedIn, getReceivedMail, mailQueue } from "./received-mail.service.ts";
import { MailQueuePage } from "./views/MailQueuePage.tsx";
import { type FilingForm, ReceivedMailPage } from "./views/ReceivedMailPage.tsx";

type Params = { Params: { id: string } };

/** The forms of a message's page: each files it one way and posts to its own path. */
const FORMS: { path: string; as: FileInput["as"] }[] = [
  { path: "svar", as: "answer" },
  { path: "handling", as: "document" },
  { path: "inte-allman", as: "not_public" },
];

/** The received-mail queue and each message's page (issue 22, item 4). */
export async function mailIntakeRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get("/post", async (req, reply) => {
    requireCan(req, "mail_intake.handle");
    return sendPage(reply, <MailQueuePage view={actorViewFor(req, reply)} queue={await mailQueue(ctx)} />);
  });

  const show = async (
    req: FastifyRequest<Params>,
    reply: FastifyReply,
    failed: FilingForm | null,
  ): Promise<FastifyReply> => {
    const mail = await getReceivedMail(ctx, req.params.id);
    const bodies = mail.status === "queued" ? await bodiesNamedIn(ctx, mail) : [];
    return sendPage(
      reply,
      <ReceivedMailPage view={actorViewFor(req, reply)} mail={mail} bodies={bodies} failed={failed} />,
      failed ? 422 : 200,
    );
  };

  app.get<Params>("/post/:id", async (req, reply) => {
    requireCan(req, "mail_intake.handle");
    return show(req, reply, null);
  });

  app.get<Params>("/post/:id/eml", async (req, reply) => {
    requireCan(req, "mail_intake.handle");
    const mail = await getReceivedMail(ctx, req.params.id);
    return sendStoredFile(ctx, reply, {
      sha256: mail.emlSha256,
      mime: "message/rfc822",
      file_name: "meddelande.eml",
    });
  });

  app.get<{ Params: { id: string; n: string } }>("/post/:id/bilagor/:n", async (req, reply) => {
    requireCan(req, "mail_intake.handle");
    const mail = await getReceivedMail(ctx, req.params.id);
    const file = /^\d{1,4}$/.test(req.params.n) ? mail.attachments[Number(req.params.n)] : undefined;
    if (!file) throw new NotFoundError();
    // What the sender called the type is not trusted: the file is only ever downloaded.
    return sendStoredFile(ctx, reply, {
      sha256: file.sha256,
      mime: "application/octet-stream",
      file_name: file.fileName,
    });
  });

  for (const form of FORMS)
    app.post<Params>(`/post/:id/${form.path}`, async (req, reply) => {
      const by = requireCan(req, "mail_intake.handle");
      const values = formFields(req.body);
      return handleForm(
        () => fileReceivedMail(ctx, by, req.params.id, { ...values, as: form.as }),
        () => reply.redirect(`/post/${req.params.id}`, 303),
        (errors: FieldError[]) => show(req, reply, { form: form.as, values, errors }),
      );
    });
}
