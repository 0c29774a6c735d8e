import type { FastifyInstance } from "fastify";
import { requireCan } from "../../../auth/index.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { allRecipients } from "../consultation.service.ts";
import { roundLetterhead } from "../round-letterhead.ts";
import { bodyText } from "../round-mail.ts";
import { requireRoundManagerOf } from "../round-manager.ts";
import { sendWord } from "../word-response.ts";
import { distributionList, letterWord, missiv } from "./letters.ts";
import { letterFacts, sendConsultation } from "./send.command.ts";
import { LetterPage } from "./views/LetterPage.tsx";
import { SendPage } from "./views/SendPage.tsx";

type Params = { Params: { id: string } };

const LETTERS = {
  missiv: { write: missiv, fileName: "missiv.docx" },
  remitteringsmapp: { write: distributionList, fileName: "remitteringsmapp.docx" },
} as const;

/** Sending a round: the preview with its letters, the send itself, and each letter as a page and a Word file. */
export async function sendRoutes(app: FastifyInstance) {
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
      const facts = await letterFacts(ctx, req.params.id);
      const letterhead = await roundLetterhead(ctx, facts.c, facts.consultation.officerId, facts.date);
      return sendWord(reply, fileName, await letterWord(write(bodyText, facts), letterhead));
    });
  }
}
