import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requireCan } from "../../../auth/guards.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { getCase } from "../../../registry/cases.service.ts";
import { formFields, handleForm } from "../../../web/forms.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { deadlineIcs } from "../board/deadline-ics.ts";
import { type ExtensionRow, RecipientPage } from "../board/views/RecipientPage.tsx";
import { closeConsultation } from "../close/close.command.ts";
import { buildCompilation, compilationWord, registerCompilation } from "../compile/compile.command.ts";
import { compilationBlocks } from "../compile/compile.rules.ts";
import { CompilationPage } from "../compile/views/CompilationPage.tsx";
import { allowedActions } from "../consultation.model.ts";
import { extensionsOf } from "../consultation.store.ts";
import { allRecipients, getConsultation } from "../draft/draft.command.ts";
import { assessAnswer, bodyOf, decideExtension, remindBody } from "../extension/extension.command.ts";
import { requireRoundManagerOf, roundFor } from "../reader-view.ts";
import { bodyText } from "../round-mail.ts";
import { sendWord } from "../word-response.ts";
import { distributionList, letterWord, missiv } from "./letters.ts";
import { letterFacts, sendConsultation } from "./send.command.ts";
import { LetterPage } from "./views/LetterPage.tsx";
import { SendPage } from "./views/SendPage.tsx";

type Params = { Params: { id: string } };
type BodyParams = { Params: { id: string; rid: string } };

const LETTERS = {
  missiv: { write: missiv, fileName: "missiv.docx" },
  remitteringsmapp: { write: distributionList, fileName: "remitteringsmapp.docx" },
} as const;

/** The officer's steps in a round: preview and send, letters, calendar, each body, closing, compilation. */
export async function roundRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get<Params>("/remisser/:id/skicka", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    const facts = await letterFacts(ctx, req.params.id);
    requireRoundManagerOf(actor, facts.c);
    return sendPage(
      reply,
      <SendPage
        view={viewFor(req, reply)}
        consultation={facts.consultation}
        letters={[missiv(bodyText, facts), distributionList(bodyText, facts)]}
        withoutEmail={allRecipients(facts.consultation)
          .filter((r) => !r.email)
          .map((r) => r.name)}
      />,
    );
  });

  app.post<Params>("/remisser/:id/skicka", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    await sendConsultation(ctx, actor, req.params.id);
    return reply.redirect(`/remisser/${req.params.id}`, 303);
  });

  for (const [path, { write, fileName }] of Object.entries(LETTERS)) {
    app.get<Params>(`/remisser/:id/${path}`, async (req, reply) => {
      requireCan(req, "consultation.view");
      const letter = write(bodyText, await letterFacts(ctx, req.params.id));
      return sendPage(
        reply,
        <LetterPage
          view={viewFor(req, reply)}
          consultationId={req.params.id}
          letter={letter}
          wordHref={`/remisser/${req.params.id}/${path}.docx`}
        />,
      );
    });
    app.get<Params>(`/remisser/:id/${path}.docx`, async (req, reply) => {
      requireCan(req, "consultation.view");
      return sendWord(
        reply,
        fileName,
        await letterWord(write(bodyText, await letterFacts(ctx, req.params.id))),
      );
    });
  }

  app.get<Params>("/remisser/:id/sista-svarsdag.ics", async (req, reply) => {
    const actor = requireCan(req, "consultation.view");
    const round = await getConsultation(ctx, req.params.id);
    const k = roundFor(actor, round, await getCase(ctx, round.caseId));
    const url = `${ctx.config.publicUrl}/remisser/${k.id}`;
    return reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", 'attachment; filename="sista-svarsdag.ics"')
      .header("cache-control", "private, no-store")
      .send(
        deadlineIcs({
          uid: `${k.id}@kansli`,
          date: k.deadline,
          summary: req.t("round.ics_summary", { title: k.title }),
          description: url,
          url,
          stamp: ctx.clock.now(),
        }),
      );
  });

  app.post<Params>("/remisser/:id/avsluta", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    await closeConsultation(ctx, actor, req.params.id);
    return reply.redirect(`/remisser/${req.params.id}`, 303);
  });

  const showBody = async (
    req: FastifyRequest<BodyParams>,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
  ) => {
    const actor = requireCan(req, "consultation.manage");
    const access = await bodyOf(ctx, actor, req.params.id, req.params.rid);
    const extensions = await extensionsOf(ctx.db, req.params.rid);
    return sendPage(
      reply,
      <RecipientPage
        view={viewFor(req, reply)}
        consultation={access.consultation}
        recipient={access.recipient}
        extensions={extensions.map(
          (x): ExtensionRow => ({
            requestedUntil: x.requested_until,
            reason: x.reason,
            requestedAt: x.requested_at,
            status: x.status,
            grantedUntil: x.granted_until,
            decisionComment: x.decision_comment,
          }),
        )}
        values={values}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get<BodyParams>("/remisser/:id/mottagare/:rid", (req, reply) => showBody(req, reply, {}, []));

  const STEPS = {
    anstand: decideExtension,
    bedomning: assessAnswer,
  } as const;
  for (const [path, step] of Object.entries(STEPS)) {
    app.post<BodyParams>(`/remisser/:id/mottagare/:rid/${path}`, async (req, reply) => {
      const actor = requireCan(req, "consultation.manage");
      const input = formFields(req.body);
      return handleForm(
        () => step(ctx, actor, req.params.id, req.params.rid, input),
        () => reply.redirect(`/remisser/${req.params.id}/mottagare/${req.params.rid}`, 303),
        (errors) => showBody(req, reply, input, errors),
      );
    });
  }

  app.post<BodyParams>("/remisser/:id/mottagare/:rid/paminn", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    await remindBody(ctx, actor, req.params.id, req.params.rid);
    return reply.redirect(`/remisser/${req.params.id}/mottagare/${req.params.rid}`, 303);
  });

  app.get<Params>("/remisser/:id/sammanstallning", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    const x = await buildCompilation(ctx, actor, req.params.id);
    const { title, blocks } = compilationBlocks(bodyText, x);
    return sendPage(
      reply,
      <CompilationPage
        view={viewFor(req, reply)}
        consultationId={req.params.id}
        title={title}
        blocks={blocks}
        canRegister={allowedActions(x.consultation.status).includes("compile")}
        registeredDocumentId={x.consultation.compilationDocumentId}
      />,
    );
  });

  app.get<Params>("/remisser/:id/sammanstallning.docx", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    return sendWord(
      reply,
      "sammanstallning-remissvar.docx",
      await compilationWord(ctx, actor, req.params.id),
    );
  });

  app.post<Params>("/remisser/:id/sammanstallning", async (req, reply) => {
    const actor = requireCan(req, "consultation.manage");
    await registerCompilation(ctx, actor, req.params.id);
    return reply.redirect(`/remisser/${req.params.id}/sammanstallning`, 303);
  });
}
