import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { listAllUnits } from "../../organisation/index.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { formFields, handleForm } from "../../web/forms.ts";
import { PUBLIC_FORM_LIMIT, readPublicForm } from "../../web/public-form.ts";
import { sendPage, viewFor } from "../../web/render.ts";
import { getCase } from "../cases.service.ts";
import { getDocument } from "../documents.service.ts";
import { searchChoices } from "../search/search-choices.ts";
import { searchFromQuery } from "../search/search-request.ts";
import { copyReceipt, requestCopy } from "./copy-requests.service.ts";
import { latestPublicCases, publicCaseByDiaryNumber } from "./public-register.service.ts";
import { publicDocument } from "./public-view.ts";
import { CopyReceiptPage, CopyRequestPage } from "./views/CopyRequestPage.tsx";
import { PublicCasePage } from "./views/PublicCasePage.tsx";
import { PublicRegisterPage } from "./views/PublicRegisterPage.tsx";

const idParams = z.object({ id: z.string().max(100) });
const LATEST = 20;

/**
 * The public register (R9): no login. Everything shown is built by public-view.ts, and the
 * search runs with public visibility whoever is signed in, so this page shows what anyone sees.
 */
export async function publicRoutes(app: FastifyInstance) {
  const { ctx } = app;

  app.get("/offentlig", async (req, reply) => {
    const search = await searchFromQuery(ctx, null, "/offentlig", req.query);
    const [choices, latest] = await Promise.all([
      searchChoices(ctx),
      search.page ? Promise.resolve([]) : latestPublicCases(ctx, LATEST),
    ]);
    return sendPage(
      reply,
      <PublicRegisterPage view={viewFor(req, reply)} search={search} choices={choices} latest={latest} />,
      search.errors.length > 0 ? 422 : 200,
    );
  });

  app.get("/offentlig/arenden/:diaryNumber", async (req, reply) => {
    const { diaryNumber } = z.object({ diaryNumber: z.string().max(200) }).parse(req.params);
    const record = await publicCaseByDiaryNumber(ctx, diaryNumber);
    const unit = (await listAllUnits(ctx)).find((u) => u.id === record.unitId);
    return sendPage(
      reply,
      <PublicCasePage view={viewFor(req, reply)} record={record} unitName={unit?.name ?? record.unitId} />,
    );
  });

  /** The document as the public sees it, and its case's diary number; drafts are not found. */
  const requestable = async (id: string) => {
    const registered = await getDocument(ctx, id);
    const doc = publicDocument(registered);
    if (!doc) throw new NotFoundError();
    const { diaryNumber } = await getCase(ctx, registered.caseId);
    return { doc, diaryNumber };
  };

  app.get("/offentlig/handlingar/:id/begar-kopia", async (req, reply) => {
    const { doc, diaryNumber } = await requestable(idParams.parse(req.params).id);
    return sendPage(
      reply,
      <CopyRequestPage
        view={viewFor(req, reply)}
        document={doc}
        diaryNumber={diaryNumber}
        values={{}}
        errors={[]}
      />,
    );
  });

  app.post("/offentlig/handlingar/:id/begar-kopia", PUBLIC_FORM_LIMIT, async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const { doc, diaryNumber } = await requestable(id);
    const { robot, fields } = readPublicForm(formFields(req.body));
    // A robot is answered like a success, and nothing is stored.
    if (robot) return reply.redirect(`/offentlig/arenden/${encodeURIComponent(diaryNumber)}`, 303);
    return handleForm(
      () => requestCopy(ctx, id, fields),
      (saved) => reply.redirect(`/offentlig/begaran/${saved.id}`, 303),
      (errors) =>
        sendPage(
          reply,
          <CopyRequestPage
            view={viewFor(req, reply)}
            document={doc}
            diaryNumber={diaryNumber}
            values={fields}
            errors={errors}
          />,
          422,
        ),
    );
  });

  app.get("/offentlig/begaran/:id", async (req, reply) => {
    const receipt = await copyReceipt(ctx, idParams.parse(req.params).id);
    return sendPage(reply, <CopyReceiptPage view={viewFor(req, reply)} {...receipt} />);
  });
}
