import { Table } from "../../../../web/components/Table.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import type { Consultation } from "../../consultation.model.ts";

/** Consultations, newest first, each with its case's diary number. */
export function ConsultationsPage(props: {
  view: View;
  consultations: Consultation[];
  diaryNumbers: Map<string, string>;
}) {
  const { view, consultations, diaryNumbers } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("consultation.list_title")}>
      <h1 safe>{t("consultation.list_title")}</h1>
      <Table<Consultation>
        caption={t("consultation.list_title")}
        columns={[
          {
            header: t("consultation.title"),
            cell: (k) => (
              <a href={`/remisser/${k.id}`} safe>
                {k.title}
              </a>
            ),
            rowHeader: true,
          },
          {
            header: t("consultation.case"),
            cell: (k) => <span safe>{diaryNumbers.get(k.caseId) ?? ""}</span>,
          },
          {
            header: t("consultation.status"),
            cell: (k) => <span safe>{t(`consultation.status.${k.status}`)}</span>,
          },
          {
            header: t("consultation.deadline"),
            cell: (k) => (
              <span class="nowrap" safe>
                {k.deadline}
              </span>
            ),
          },
        ]}
        rows={consultations}
        empty={t("consultation.none")}
      />
    </Layout>
  );
}
