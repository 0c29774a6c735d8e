import { BarChart } from "../../web/components/Charts.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { reportCharts } from "../report.charts.ts";
import type { AnnualReport, ReportItem } from "../report.model.ts";

/** The annual report for the executive board: summary, charts each with its data table, lists and downloads. */
export function AnnualReportPage({ view, report: r }: { view: View; report: AnnualReport }) {
  const { t } = view;
  const number = new Intl.NumberFormat(view.locale);
  const title = t("report.title", { year: r.year });
  const items = (caption: string, dateHeader: string, rows: ReportItem[]) => (
    <Table<ReportItem>
      caption={caption}
      columns={[
        {
          header: t("report.engagement"),
          cell: (i) => (
            <a href={`/engagemang/${i.id}`} safe>
              {i.title}
            </a>
          ),
          rowHeader: true,
        },
        { header: t("review.unit"), cell: (i) => <span safe>{i.unitName}</span> },
        {
          header: dateHeader,
          cell: (i) => (
            <span class="nowrap" safe>
              {i.date}
            </span>
          ),
        },
      ]}
      rows={rows}
      empty={t("report.none")}
    />
  );
  const base = `/engagemang/arsrapport/${r.year}`;
  return (
    <Layout view={view} title={title}>
      <h1 safe>{title}</h1>
      <p safe>{t("report.intro")}</p>
      <p>
        <a href={`${base}/arsrapport.docx`} safe>
          {t("report.download_docx")}
        </a>
        {" · "}
        <a href={`${base}/arsrapport.xlsx`} safe>
          {t("report.download_xlsx")}
        </a>
        {" · "}
        <a href={`/engagemang/planer/${r.year}`} safe>
          {t("plan.title", { year: r.year })}
        </a>
      </p>
      <h2 safe>{t("report.summary_title")}</h2>
      <p safe>{t("report.summary", { count: r.engagements, cost: number.format(r.cost), year: r.year })}</p>
      <p safe>
        {t("report.cost_split", { city: number.format(r.cityCost), external: number.format(r.externalCost) })}
      </p>
      <p class="hint" safe>
        {t("report.method")}
      </p>
      {reportCharts(r, t, view.locale).map(([heading, charts]) => (
        <>
          <h2 safe>{heading}</h2>
          {charts.map((c) => (
            <BarChart {...c} />
          ))}
        </>
      ))}
      <h2 safe>{t("report.visits", { count: r.visits.length })}</h2>
      {items(t("report.visits", { count: r.visits.length }), t("report.date"), r.visits)}
      <h2 safe>{t("report.memberships", { count: r.memberships.length })}</h2>
      {items(t("report.memberships", { count: r.memberships.length }), t("report.since"), r.memberships)}
      <h2 safe>{t("report.reviews_due", { count: r.reviewsDue.length })}</h2>
      {items(t("report.reviews_due", { count: r.reviewsDue.length }), t("review.due_on"), r.reviewsDue)}
      <h2 safe>{t("report.plans")}</h2>
      <Table
        caption={t("report.plans")}
        columns={[
          { header: t("review.unit"), cell: (p) => <span safe>{p.unitName}</span>, rowHeader: true },
          {
            header: t("plan.budget"),
            cell: (p) => <span safe>{number.format(p.budget)}</span>,
            numeric: true,
          },
          {
            header: t("plan.cost"),
            cell: (p) => <span safe>{p.cost === null ? "–" : number.format(p.cost)}</span>,
            numeric: true,
          },
          {
            header: t("plan.outcome"),
            cell: (p) => <span safe>{p.outcome ?? t("plan.not_followed_up")}</span>,
          },
        ]}
        rows={r.plans}
        empty={t("plan.none")}
      />
    </Layout>
  );
}
