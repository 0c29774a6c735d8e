import type { Case } from "../../registry/cases.model.ts";
import type { RegistryDocument } from "../../registry/documents.model.ts";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { type ConsultationDetails, LIST_GROUPS, type Recipient } from "../consultations.model.ts";
import type { DeadlineWarning } from "../deadlines.ts";
import { DeadlineWarnings } from "./DeadlineWarnings.tsx";

/** A consultation: its facts, the deadline's warnings, the material and the grouped distribution list. */
export function ConsultationPage(props: {
  view: View;
  consultation: ConsultationDetails;
  c: Case;
  officer: string;
  material: RegistryDocument[];
  warnings: DeadlineWarning[];
}) {
  const { view, consultation: k, c, officer, material, warnings } = props;
  const { t } = view;
  const total = LIST_GROUPS.reduce((n, g) => n + k.recipients[g].length, 0);
  const row = (label: string, value: string | null) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value ?? "–"}</dd>
    </>
  );
  return (
    <Layout view={view} title={k.title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/remisser" safe>
          {t("consultation.list_title")}
        </a>
      </nav>
      <h1 safe>{k.title}</h1>
      <DeadlineWarnings view={view} warnings={warnings} />
      <dl class="summary">
        <dt safe>{t("consultation.case")}</dt>
        <dd>
          <a href={`/arenden/${c.id}`} safe>
            {`${c.diaryNumber} ${c.title}`}
          </a>
        </dd>
        {row(t("consultation.status"), t(`consultation.status.${k.status}`))}
        {row(t("consultation.deadline"), k.deadline)}
        {row(t("consultation.officer"), officer)}
        {row(t("consultation.contact"), k.contact)}
        {row(t("consultation.instructions"), k.instructions)}
      </dl>
      <h2 safe>{t("consultation.material")}</h2>
      {material.length > 0 ? (
        <ul>
          {material.map((d) => (
            <li>
              <a href={`/handlingar/${d.id}`} safe>
                {`${d.date} ${d.description}`}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p safe>{t("consultation.no_material")}</p>
      )}
      <h2 safe>{t("consultation.distribution")}</h2>
      <p safe>{t("consultation.distribution_count", { count: total })}</p>
      {LIST_GROUPS.filter((g) => k.recipients[g].length > 0).map((g) => (
        <Table<Recipient>
          caption={t("consultation.group_count", {
            group: t(`consultation.list_group.${g}`),
            count: k.recipients[g].length,
          })}
          columns={[
            { header: t("consultation.recipient"), cell: (r) => <span safe>{r.name}</span>, rowHeader: true },
            { header: t("consultation.email"), cell: (r) => <span safe>{r.email ?? "–"}</span> },
            {
              header: t("consultation.recipient_state"),
              cell: (r) => <span safe>{t(`consultation.recipient_state.${r.state}`)}</span>,
            },
          ]}
          rows={k.recipients[g]}
          empty=""
        />
      ))}
    </Layout>
  );
}
