import { stockholmDateTime } from "../../platform/calendar/civil-date.ts";
import type { Case } from "../../registry/index.ts";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { OfficerReport } from "../reports.model.ts";

/** A case's reports, each at its current version, and the way to write a new one while the case is open. */
export function CaseReportsPage(props: { view: View; c: Case; reports: OfficerReport[] }) {
  const { view, c, reports } = props;
  const { t } = view;
  const title = t("report.list_title", { number: c.diaryNumber });
  return (
    <Layout view={view} title={title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/arenden/${c.id}`} safe>
          {c.diaryNumber}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      {c.status === "open" ? (
        <p>
          <a class="button" href={`/arenden/${c.id}/tjansteutlatanden/ny`} safe>
            {t("report.new")}
          </a>
        </p>
      ) : null}
      <Table
        caption={title}
        captionHidden
        rows={reports}
        empty={t("report.none_in_case")}
        columns={[
          {
            header: t("report.column.title"),
            rowHeader: true,
            cell: (r) => (
              <a href={`/tjansteutlatanden/${r.id}`} safe>
                {r.content.title}
              </a>
            ),
          },
          { header: t("report.column.version"), numeric: true, cell: (r) => String(r.version) },
          {
            header: t("report.column.status"),
            cell: (r) => <span safe>{t(`report.status.${r.status}`)}</span>,
          },
          { header: t("report.column.updated"), cell: (r) => stockholmDateTime(new Date(r.updatedAt)) },
        ]}
      />
    </Layout>
  );
}
