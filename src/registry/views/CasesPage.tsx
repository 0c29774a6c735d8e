import type { ActorView } from "../../auth/index.ts";
import type { Unit } from "../../organisation/index.ts";
import { compareText } from "../../platform/i18n/index.ts";
import { Field } from "../../web/components/Field.tsx";
import { Pagination } from "../../web/components/Pagination.tsx";
import { Layout } from "../../web/Layout.tsx";
import { CASE_STATUSES, type Case } from "../cases.model.ts";
import type { Registry } from "../registries.model.ts";
import { CaseTable } from "./CaseTable.tsx";

export interface CaseListFilter {
  registryId?: string | undefined;
  unitId?: string | undefined;
  status?: string | undefined;
  year?: number | undefined;
}

/** The register list: filters, the cases newest first, and keyset pagination. */
export function CasesPage(props: {
  view: ActorView;
  cases: Case[];
  filter: CaseListFilter;
  registries: Registry[];
  units: Unit[];
  nextHref: string | null;
  firstHref: string | null;
  /** The filters as a query string, for the downloads of the same list. */
  exportQuery: string;
}) {
  const { view, cases, filter, registries, units } = props;
  const { t } = view;
  const any: [string, string] = ["", t("case.any")];
  return (
    <Layout view={view} title={t("case.list_title")}>
      <h1 safe>{t("case.list_title")}</h1>
      {view.can("case.create") ? (
        <p>
          <a class="button" href="/registrera" safe>
            {t("incoming.title")}
          </a>{" "}
          <a class="button secondary" href="/arenden/nytt" safe>
            {t("case.new")}
          </a>
        </p>
      ) : null}
      <form method="get" action="/arenden" class="filters" novalidate>
        <Field
          view={view}
          name="registryId"
          label={t("case.registry")}
          value={filter.registryId}
          options={[any, ...registries.map((r): [string, string] => [r.id, r.prefix])]}
        />
        <Field
          view={view}
          name="unitId"
          label={t("case.unit")}
          value={filter.unitId}
          options={[
            any,
            ...[...units]
              .sort((a, b) => compareText(view.locale)(a.name, b.name))
              .map((u): [string, string] => [u.id, u.name]),
          ]}
        />
        <Field
          view={view}
          name="status"
          label={t("case.status")}
          value={filter.status}
          options={[any, ...CASE_STATUSES.map((s): [string, string] => [s, t(`case.status.${s}`)])]}
        />
        <Field
          view={view}
          name="year"
          label={t("case.year")}
          value={filter.year ? String(filter.year) : ""}
          width="short"
        />
        <button type="submit" class="button" safe>
          {t("case.filter")}
        </button>
      </form>
      <CaseTable
        view={view}
        caption={t("case.list_caption")}
        cases={cases}
        units={units}
        hrefFor={(c) => `/arenden/${c.id}`}
      />
      <Pagination view={view} firstHref={props.firstHref} nextHref={props.nextHref} />
      <ul class="actions">
        <li>
          <a href={`/arenden.csv${props.exportQuery}`} safe>
            {t("export.list_csv")}
          </a>
        </li>
        <li>
          <a href={`/arenden.xlsx${props.exportQuery}`} safe>
            {t("export.list_xlsx")}
          </a>
        </li>
        {view.can("case.export") ? (
          <li>
            <a href="/e-arkiv" safe>
              {t("export.batch_title")}
            </a>
          </li>
        ) : null}
      </ul>
    </Layout>
  );
}
