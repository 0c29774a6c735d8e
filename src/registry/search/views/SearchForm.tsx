import type { Unit } from "../../../organisation/index.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { compareText } from "../../../platform/i18n/index.ts";
import { DateInput } from "../../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import type { View } from "../../../web/view.ts";
import { CASE_STATUSES } from "../../cases.model.ts";
import { DIRECTIONS } from "../../documents.model.ts";
import type { Registry } from "../../registries.model.ts";

export interface SearchChoices {
  registries: Registry[];
  units: Unit[];
  classes: { id: string; code: string; title: string }[];
}

/** The search box and its filters; a GET form, so a search is a link that can be shared. */
export function SearchForm(props: {
  view: View;
  action: string;
  values: Record<string, string>;
  errors: FieldError[];
  choices: SearchChoices;
}) {
  const { view, values, errors, choices } = props;
  const { t } = view;
  const any: [string, string] = ["", t("case.any")];
  const options = <T,>(items: T[], pair: (item: T) => [string, string]) => [any, ...items.map(pair)];
  return (
    <search>
      <form method="get" action={props.action} class="search-form" novalidate>
        <ErrorSummary view={view} errors={errors} />
        <Field
          view={view}
          name="q"
          type="search"
          label={t("search.query")}
          hint={t("search.query_hint")}
          value={values.q}
          errors={errors}
        />
        <details open={Object.keys(values).some((k) => k !== "q") ? true : undefined}>
          <summary safe>{t("search.filters")}</summary>
          <div class="filters">
            <Field
              view={view}
              name="registryId"
              label={t("case.registry")}
              value={values.registryId}
              options={options(choices.registries, (r) => [r.id, r.prefix])}
            />
            <Field
              view={view}
              name="unitId"
              label={t("case.unit")}
              value={values.unitId}
              options={options(
                [...choices.units].sort((a, b) => compareText(view.locale)(a.name, b.name)),
                (u) => [u.id, u.name],
              )}
            />
            <Field
              view={view}
              name="classId"
              label={t("case.class")}
              value={values.classId}
              options={options(choices.classes, (c) => [c.id, `${c.code} ${c.title}`])}
            />
            <Field
              view={view}
              name="status"
              label={t("case.status")}
              value={values.status}
              options={options([...CASE_STATUSES], (s) => [s, t(`case.status.${s}`)])}
            />
            <Field
              view={view}
              name="direction"
              label={t("search.direction")}
              value={values.direction}
              options={[
                ["", t("search.direction.any")],
                ...DIRECTIONS.map((d): [string, string] => [d, t(`document.direction.${d}`)]),
              ]}
            />
            <Field
              view={view}
              name="year"
              label={t("case.year")}
              value={values.year}
              width="short"
              errors={errors}
            />
            <DateInput
              view={view}
              name="from"
              legend={t("search.from")}
              value={values.from}
              errors={errors}
            />
            <DateInput view={view} name="to" legend={t("search.to")} value={values.to} errors={errors} />
          </div>
        </details>
        <button type="submit" class="button" safe>
          {t("search.submit")}
        </button>
      </form>
    </search>
  );
}
