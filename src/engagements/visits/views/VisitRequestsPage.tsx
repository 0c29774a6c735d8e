import type { ActorView } from "../../../auth/index.ts";
import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { VisitRequest } from "../visits.model.ts";
import { coordinatorName } from "./VisitRequestPage.tsx";

/** Visit requests, newest first, with who handles each and how far it has come. */
export function VisitRequestsPage(props: {
  view: ActorView;
  visits: VisitRequest[];
  unitNames: Map<string, string>;
}) {
  const { view, visits, unitNames } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("visit.list_title")}>
      <h1 safe>{t("visit.list_title")}</h1>
      {view.can("visit_request.handle") ? (
        <p>
          <a class="button" href="/engagemang/besok/ny" safe>
            {t("visit.intake_title")}
          </a>
        </p>
      ) : null}
      <p>
        <a href="/offentlig/besok" safe>
          {t("visit.public_form_link")}
        </a>
      </p>
      <Table<VisitRequest>
        caption={t("visit.list_title")}
        columns={[
          {
            header: t("visit.field.organisation"),
            cell: (v) => (
              <a href={`/engagemang/besok/${v.id}`} safe>
                {v.organisation}
              </a>
            ),
            rowHeader: true,
          },
          { header: t("visit.case"), cell: (v) => <span safe>{v.diaryNumber ?? "–"}</span> },
          { header: t("visit.field.country"), cell: (v) => <span safe>{v.country}</span> },
          { header: t("visit.dates"), cell: (v) => <span safe>{`${v.visitFrom} – ${v.visitTo}`}</span> },
          {
            header: t("visit.coordinator"),
            cell: (v) => <span safe>{coordinatorName(view, v, unitNames)}</span>,
          },
          {
            header: t("visit.status"),
            cell: (v) => (
              <span safe>{v.outcome ? t(`visit.outcome.${v.outcome}`) : t(`visit.status.${v.status}`)}</span>
            ),
          },
        ]}
        rows={visits}
        empty={t("visit.none")}
      />
    </Layout>
  );
}
