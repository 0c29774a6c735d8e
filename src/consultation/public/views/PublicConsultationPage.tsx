import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import type { PublicConsultation } from "../public-consultations.ts";

type Body = PublicConsultation["bodies"][number];

/** A closed consultation in the public register: the bodies and what each did, and the outcome. */
export function PublicConsultationPage({ view, k }: { view: View; k: PublicConsultation }) {
  const { t } = view;
  const row = (label: string, value: string | null) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value ?? "–"}</dd>
    </>
  );
  return (
    <Layout view={view} title={k.title}>
      <p>
        <a href="/offentlig/remisser" safe>
          {t("round.public_list_title")}
        </a>
      </p>
      <h1 safe>{k.title}</h1>
      <dl class="summary">
        <dt safe>{t("round.diary_number")}</dt>
        <dd>
          <a href={`/offentlig/arenden/${encodeURIComponent(k.diaryNumber)}`} safe>
            {k.diaryNumber}
          </a>
        </dd>
        {row(t("round.sent_on"), k.sentOn)}
        {row(t("consultation.deadline"), k.deadline)}
        {row(t("round.closed_on"), k.closedOn)}
        {row(
          t("round.outcome"),
          k.caseStatus === "open"
            ? t("round.outcome_pending")
            : t("round.outcome_decided", { date: k.caseClosedOn ?? "" }),
        )}
      </dl>
      <p safe>{t("round.public_answers_hint")}</p>
      <Table<Body>
        caption={t("consultation.distribution_count", { count: k.bodies.length })}
        columns={[
          { header: t("consultation.recipient"), cell: (b) => <span safe>{b.name}</span>, rowHeader: true },
          {
            header: t("consultation.list_group"),
            cell: (b) => <span safe>{t(`consultation.list_group.${b.group}`)}</span>,
          },
          {
            header: t("consultation.recipient_state"),
            cell: (b) => <span safe>{t(`consultation.recipient_state.${b.state}`)}</span>,
          },
          {
            header: t("public.date"),
            cell: (b) => (
              <span class="nowrap" safe>
                {b.answeredOn ?? "–"}
              </span>
            ),
          },
        ]}
        rows={k.bodies}
        empty=""
      />
    </Layout>
  );
}

/** The closed consultations, newest first. */
export function PublicConsultationsPage({ view, items }: { view: View; items: PublicConsultation[] }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("round.public_list_title")}>
      <p>
        <a href="/offentlig" safe>
          {t("public.title")}
        </a>
      </p>
      <h1 safe>{t("round.public_list_title")}</h1>
      <Table<PublicConsultation>
        caption={t("round.public_list_caption")}
        columns={[
          {
            header: t("consultation.title"),
            cell: (k) => (
              <a href={`/offentlig/remisser/${k.id}`} safe>
                {k.title}
              </a>
            ),
            rowHeader: true,
          },
          {
            header: t("round.diary_number"),
            cell: (k) => (
              <span class="nowrap" safe>
                {k.diaryNumber}
              </span>
            ),
          },
          {
            header: t("round.closed_on"),
            cell: (k) => (
              <span class="nowrap" safe>
                {k.closedOn ?? "–"}
              </span>
            ),
          },
        ]}
        rows={items}
        empty={t("round.public_list_empty")}
      />
    </Layout>
  );
}
