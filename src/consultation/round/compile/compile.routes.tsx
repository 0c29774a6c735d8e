import type { FastifyInstance } from "fastify";
import { requireCan } from "../../../auth/index.ts";
import { sendPage, viewFor } from "../../../web/render.ts";
import { allowedActions } from "../consultation.model.ts";
import { bodyText } from "../round-mail.ts";
import { sendWord } from "../word-response.ts";
import { buildCompilation, compilationWord, registerCompilation } from "./compile.command.ts";
import { compilationBlocks } from "./compile.rules.ts";
import { CompilationPage } from "./views/CompilationPage.tsx";

type Params = { Params: { id: string } };

/** The compilation of answers (sammanställning av remissvar): its page, its Word file, and registering it. */
export async function compileRoutes(app: FastifyInstance) {
  const { ctx } = app;

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
