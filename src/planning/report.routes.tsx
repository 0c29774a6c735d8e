import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditBy, requireCan, type UserActor } from "../auth/index.ts";
import { letterheadFor } from "../organisation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Locale } from "../platform/i18n/index.ts";
import { sendPage, viewFor } from "../web/render.ts";
import { yearOf } from "./plans.routes.tsx";
import { reportDocx, reportXlsx } from "./report.files.ts";
import { annualReport } from "./report.service.ts";
import { AnnualReportPage } from "./views/AnnualReportPage.tsx";

const TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The city-wide annual report on international work (issue 5, item 7) as a page, Word and Excel. */
export async function reportRoutes(app: FastifyInstance) {
  const { ctx } = app;
  const base = "/engagemang/arsrapport/:year";

  app.get(base, async (req, reply) => {
    requireCan(req, "followup.view");
    const year = yearOf(req.params);
    return sendPage(
      reply,
      <AnnualReportPage
        view={viewFor(req, reply)}
        report={await annualReport(ctx, year, req.t, req.locale)}
      />,
    );
  });

  /** The report is the office's paper: from the reader's unit, dated today, with them to contact and signing. */
  const reportLetterhead = (actor: UserActor, language: Locale) =>
    letterheadFor(ctx, {
      unitId: actor.unitId,
      diaryNumber: null,
      date: stockholmDate(ctx.clock.now()),
      officerId: actor.id,
      signatoryIds: [actor.id],
      language,
    });

  const download = (format: keyof typeof TYPES) => async (req: FastifyRequest, reply: FastifyReply) => {
    const actor = requireCan(req, "followup.view");
    const year = yearOf(req.params);
    const report = await annualReport(ctx, year, req.t, req.locale);
    const bytes =
      format === "docx"
        ? await reportDocx(report, req.t, await reportLetterhead(actor, req.locale))
        : await reportXlsx(report, req.t);
    await ctx.db.transaction().execute((trx) =>
      appendAudit(trx, ctx.config.tenantId, ctx.clock.now(), {
        ...auditBy(actor),
        action: "engagement_report.export",
        subjectType: "engagement_report",
        subjectId: String(year),
        after: { format },
      }),
    );
    return reply
      .header("content-type", TYPES[format])
      .header("content-disposition", `attachment; filename="arsrapport-internationellt-${year}.${format}"`)
      .header("cache-control", "no-store")
      .send(bytes);
  };
  app.get(`${base}/arsrapport.docx`, download("docx"));
  app.get(`${base}/arsrapport.xlsx`, download("xlsx"));
}
