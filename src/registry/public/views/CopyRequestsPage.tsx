import { Field } from "../../../web/components/Field.tsx";
import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import { REQUEST_FILTERS, type RequestFilter } from "../copy-requests.model.ts";
import type { CopyRequestView } from "../copy-requests.service.ts";
import { Duration, requestPath, StateText, stockholmTime } from "./request-parts.tsx";

/** The registry's requests for official documents: waiting, decided or all, with handling times. */
export function CopyRequestsPage(props: { view: View; requests: CopyRequestView[]; filter: RequestFilter }) {
  const { view, requests, filter } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("requests.title")}>
      <h1 safe>{t("requests.title")}</h1>
      <form method="get" action="/begaranden">
        <Field
          view={view}
          name="visa"
          label={t("requests.filter")}
          value={filter}
          options={REQUEST_FILTERS.map((f): [string, string] => [f, t(`requests.filter.${f}`)])}
        />
        <button type="submit" class="button secondary" safe>
          {t("requests.show")}
        </button>
      </form>
      <Table
        caption={t("requests.caption")}
        empty={t("requests.none")}
        rows={requests}
        columns={[
          {
            header: t("requests.received"),
            cell: (r) => (
              <a href={requestPath(r.id)} safe>
                {stockholmTime(r.received_at)}
              </a>
            ),
            rowHeader: true,
          },
          { header: t("requests.case"), cell: (r) => <span safe>{r.request_number ?? "–"}</span> },
          {
            header: t("requests.document"),
            cell: (r) => <span safe>{`${r.diary_number}: ${r.description}`}</span>,
          },
          {
            header: t("requests.requester"),
            cell: (r) => <span safe>{r.requester_name ?? t("requests.anonymous")}</span>,
          },
          { header: t("requests.state"), cell: (r) => <StateText view={view} request={r} /> },
          {
            header: t("requests.handling_time"),
            cell: (r) => <Duration view={view} request={r} />,
            numeric: true,
          },
        ]}
      />
    </Layout>
  );
}
