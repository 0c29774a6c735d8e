import { stockholmDateTime } from "../../platform/calendar/civil-date.ts";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { AwaitingApproval } from "../reports.service.ts";

/** The reports waiting for the signed-in signatory's approval, each linking to the report where they approve it. */
export function AwaitingApprovalPage(props: { view: View; reports: AwaitingApproval[] }) {
  const { view, reports } = props;
  const { t } = view;
  const title = t("report.awaiting_title");
  return (
    <Layout view={view} title={title}>
      <h1 safe>{title}</h1>
      <Table
        caption={title}
        captionHidden
        rows={reports}
        empty={t("report.awaiting_none")}
        columns={[
          {
            header: t("report.column.title"),
            rowHeader: true,
            cell: (r) => (
              <a href={`/tjansteutlatanden/${r.reportId}`} safe>
                {r.title}
              </a>
            ),
          },
          { header: t("report.column.case"), cell: (r) => <span safe>{r.diaryNumber}</span> },
          { header: t("report.column.version"), numeric: true, cell: (r) => String(r.version) },
          { header: t("report.column.updated"), cell: (r) => stockholmDateTime(new Date(r.writtenAt)) },
        ]}
      />
    </Layout>
  );
}
