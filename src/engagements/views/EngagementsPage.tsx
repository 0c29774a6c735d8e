import type { ActorView } from "../../auth/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { Field } from "../../web/components/Field.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import { ENGAGEMENT_STATUSES, type Engagement, STORED_ENGAGEMENT_TYPES } from "../engagements.model.ts";
import { bodyName } from "./AssessmentPanel.tsx";

export interface ListFilter {
  type: string;
  unitId: string;
  status: string;
  year: string;
}

/** Engagements with filters (type, unit, status, a year they run in); a GET form, so links keep the filter. */
export function EngagementsPage(props: {
  view: ActorView;
  engagements: Engagement[];
  filter: ListFilter;
  errors: FieldError[];
  units: [string, string][];
  unitNames: Map<string, string>;
  nextPage: string | null;
}) {
  const { view, engagements, filter, errors, units, unitNames } = props;
  const { t } = view;
  const all: [string, string] = ["", t("engagement.all")];
  return (
    <Layout view={view} title={t("engagement.list_title")} hasErrors={errors.length > 0}>
      <h1 safe>{t("engagement.list_title")}</h1>
      {view.can("engagement.manage") ? (
        <p>
          <a href="/engagemang/ny" class="button" safe>
            {t("engagement.new")}
          </a>
        </p>
      ) : null}
      <form method="get" action="/engagemang" class="filters" novalidate aria-label={t("engagement.filters")}>
        <Field
          view={view}
          name="type"
          label={t("engagement.type")}
          value={filter.type}
          errors={errors}
          options={[
            all,
            ...STORED_ENGAGEMENT_TYPES.map((x): [string, string] => [x, t(`engagement.type.${x}`)]),
          ]}
        />
        <Field
          view={view}
          name="unitId"
          label={t("engagement.unit")}
          value={filter.unitId}
          errors={errors}
          options={[all, ...units]}
        />
        <Field
          view={view}
          name="status"
          label={t("engagement.status")}
          value={filter.status}
          errors={errors}
          options={[
            all,
            ...ENGAGEMENT_STATUSES.map((s): [string, string] => [s, t(`engagement.status.${s}`)]),
          ]}
        />
        <Field
          view={view}
          name="year"
          label={t("engagement.year")}
          hint={t("engagement.year_hint")}
          value={filter.year}
          errors={errors}
          width="short"
        />
        <button type="submit" class="button" safe>
          {t("engagement.filter")}
        </button>
      </form>
      <Table<Engagement>
        caption={t("engagement.list_caption")}
        empty={t("engagement.none")}
        rows={engagements}
        columns={[
          {
            header: t("engagement.title"),
            cell: (e) => (
              <a href={`/engagemang/${e.id}`} safe>
                {e.title}
              </a>
            ),
            rowHeader: true,
          },
          { header: t("engagement.type"), cell: (e) => <span safe>{t(`engagement.type.${e.type}`)}</span> },
          { header: t("engagement.unit"), cell: (e) => <span safe>{unitNames.get(e.unitId) ?? ""}</span> },
          {
            header: t("engagement.start_date"),
            cell: (e) => <span safe>{e.endDate ? `${e.startDate} – ${e.endDate}` : e.startDate}</span>,
          },
          {
            header: t("engagement.status"),
            cell: (e) => <span safe>{t(`engagement.status.${e.status}`)}</span>,
          },
          {
            header: t("engagement.decided_by"),
            cell: (e) => <span safe>{bodyName(view, e.decidingBody, null)}</span>,
          },
        ]}
      />
      {props.nextPage ? (
        <p>
          <a href={props.nextPage} safe>
            {t("engagement.more")}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
