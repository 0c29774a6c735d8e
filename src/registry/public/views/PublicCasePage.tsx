import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import type { PublicCaseRecord } from "../public-register.service.ts";

/** One case in the public register: public facts, public parties, registered documents. */
export function PublicCasePage(props: { view: View; record: PublicCaseRecord; unitName: string }) {
  const { view, record } = props;
  const { t } = view;
  const title = t("public.case_title", { number: record.diaryNumber });
  const row = (label: string, value: string) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value}</dd>
    </>
  );
  return (
    <Layout view={view} title={title}>
      <p>
        <a href="/offentlig" safe>
          {t("public.title")}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <dl class="summary">
        {row(t("case.title"), record.title)}
        {row(t("case.unit"), props.unitName)}
        {row(t("case.status"), t(`case.status.${record.status}`))}
        {row(t("case.opened_on"), record.openedOn)}
        {record.closedOn ? row(t("case.closed_on"), record.closedOn) : null}
        {row(t("case.parties"), record.parties.join("; ") || "–")}
      </dl>
      <h2 safe>{t("public.documents")}</h2>
      <Table
        caption={t("public.documents_caption")}
        empty={t("public.no_documents")}
        rows={record.documents}
        columns={[
          {
            header: t("public.date"),
            cell: (d) => (
              <span class="nowrap" safe>
                {d.date}
              </span>
            ),
            rowHeader: true,
          },
          {
            header: t("document.direction"),
            cell: (d) => <span safe>{t(`document.direction.${d.direction}`)}</span>,
          },
          {
            header: t("public.description"),
            cell: (d) => (
              <>
                <span safe>{d.description}</span>
                {d.secret ? (
                  <span class="tag" safe>
                    {t("public.secret_marker")}
                  </span>
                ) : null}
              </>
            ),
          },
          { header: t("public.party"), cell: (d) => <span safe>{d.party ?? "–"}</span> },
          {
            header: t("public.request_copy"),
            cell: (d) => (
              <a
                href={`/offentlig/handlingar/${d.id}/begar-kopia`}
                aria-label={t("public.request_copy_of", { description: d.description })}
                safe
              >
                {t("public.request_copy")}
              </a>
            ),
          },
        ]}
      />
    </Layout>
  );
}
