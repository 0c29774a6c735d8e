import type { FieldError } from "../../../platform/errors.ts";
import { BarChart, WorldMap } from "../../../web/components/Charts.tsx";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import { countryName } from "../../countries.ts";
import { DIRECTIONS, STORED_ENGAGEMENT_TYPES } from "../../engagements.model.ts";
import { countryPosition } from "../country-positions.ts";
import type { PublicEngagement, PublicFilter } from "../public-engagements.model.ts";
import { costPerDirection, costPerYear, countByCountry, totals } from "../public-engagements.service.ts";

/** The filter as typed, so the form shows it again (also when it was not valid). */
export type FilterValues = Record<"type" | "direction" | "country" | "year" | "unit", string>;

/** What the filter's lists offer: the countries, years and units the decided engagements have. */
export interface FilterChoices {
  countries: string[];
  years: number[];
  units: [string, string][];
}

/**
 * The city's decided international engagements for anyone, without signing in (issue 20): a GET
 * filter, the counterparts' countries on a map, costs per year and per direction as charts (each
 * with its table), and the engagements themselves with their costs per year.
 */
export function PublicEngagementsPage(props: {
  view: View;
  engagements: PublicEngagement[];
  filter: PublicFilter;
  values: FilterValues;
  choices: FilterChoices;
  errors: FieldError[];
  /** The query string of the filter, for the open data links. */
  query: string;
}) {
  const { view, engagements, filter, values, choices, errors } = props;
  const { t } = view;
  const number = new Intl.NumberFormat(view.locale);
  const kr = (n: number) => number.format(n);
  const all: [string, string] = ["", t("public_engagements.all")];
  const sum = totals(engagements, filter);
  const byCountry = [...countByCountry(engagements)]
    .map(([code, count]) => ({
      label: countryName(code, view.locale),
      value: count,
      mark: code,
      position: countryPosition(code),
    }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, view.locale));
  const perYear = costPerYear(engagements, filter).map((c) => ({ label: String(c.year), value: c.total }));
  const perDirection = [...costPerDirection(engagements, filter)].map(([d, cost]) => ({
    label: t(`engagement.direction.${d}`),
    value: cost,
  }));
  const top = <T extends { label: string; value: number }>(data: T[]) =>
    data.reduce<T | null>((m, d) => (m && m.value >= d.value ? m : d), null);
  const costChart = (id: string, title: string, header: string, data: { label: string; value: number }[]) => {
    const largest = top(data);
    return (
      <BarChart
        id={id}
        title={title}
        description={
          largest
            ? t("public_engagements.chart_desc", { title, top: largest.label, value: kr(largest.value) })
            : title
        }
        labelHeader={header}
        valueHeader={t("cost.total")}
        data={data}
        empty={t("public_engagements.none")}
        format={kr}
      />
    );
  };
  const mostCountry = top(byCountry);
  const suffix = props.query ? `?${props.query}` : "";
  return (
    <Layout view={view} title={t("public_engagements.title")} hasErrors={errors.length > 0}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/offentlig" safe>
          {t("public.title")}
        </a>
      </nav>
      <h1 safe>{t("public_engagements.title")}</h1>
      <ErrorSummary view={view} errors={errors} />
      <p safe>{t("public_engagements.intro")}</p>
      <p>
        <span safe>{`${t("public_engagements.open_data")}: `}</span>
        <a href={`/offentlig/internationellt.csv${suffix}`} safe>
          {t("public_engagements.csv")}
        </a>
        {" · "}
        <a href={`/api/v1/public/engagements${suffix}`} safe>
          {t("public_engagements.json")}
        </a>
      </p>
      <p>
        <a href="/offentlig/besok" safe>
          {t("visit.public_form_cta")}
        </a>
      </p>
      <form
        method="get"
        action="/offentlig/internationellt"
        class="filters"
        novalidate
        aria-label={t("public_engagements.filter")}
      >
        <Field
          view={view}
          name="type"
          label={t("engagement.type")}
          value={values.type}
          errors={errors}
          options={[
            all,
            ...STORED_ENGAGEMENT_TYPES.map((x): [string, string] => [x, t(`engagement.type.${x}`)]),
          ]}
        />
        <Field
          view={view}
          name="direction"
          label={t("report.direction")}
          value={values.direction}
          errors={errors}
          options={[all, ...DIRECTIONS.map((d): [string, string] => [d, t(`engagement.direction.${d}`)])]}
        />
        <Field
          view={view}
          name="country"
          label={t("public_engagements.country")}
          value={values.country}
          errors={errors}
          options={[
            all,
            ...choices.countries
              .map((c): [string, string] => [c, countryName(c, view.locale)])
              .sort((a, b) => a[1].localeCompare(b[1], view.locale)),
          ]}
        />
        <Field
          view={view}
          name="year"
          label={t("public_engagements.year")}
          value={values.year}
          errors={errors}
          options={[all, ...choices.years.map((y): [string, string] => [String(y), String(y)])]}
        />
        <Field
          view={view}
          name="unit"
          label={t("public_engagements.unit")}
          value={values.unit}
          errors={errors}
          options={[all, ...choices.units]}
        />
        <button type="submit" class="button" safe>
          {t("public_engagements.show")}
        </button>
      </form>
      <p safe>
        {t("public_engagements.totals", {
          total: kr(sum.total),
          city: kr(sum.city),
          external: kr(sum.external),
        })}
      </p>
      <h2 safe>{t("public_engagements.map_title")}</h2>
      <WorldMap
        id="countries"
        title={t("public_engagements.map_caption")}
        description={
          mostCountry
            ? t("public_engagements.map_desc", { top: mostCountry.label, count: mostCountry.value })
            : t("public_engagements.map_title")
        }
        labelHeader={t("public_engagements.country")}
        valueHeader={t("public_engagements.map_count")}
        data={byCountry}
        empty={t("public_engagements.none")}
      />
      <h2 safe>{t("public_engagements.cost_per_year")}</h2>
      {costChart("cost-per-year", t("public_engagements.cost_per_year"), t("cost.year"), perYear)}
      <h2 safe>{t("public_engagements.cost_per_direction")}</h2>
      {costChart(
        "cost-per-direction",
        t("public_engagements.cost_per_direction"),
        t("report.direction"),
        perDirection,
      )}
      <h2 safe>{t("public_engagements.caption", { count: engagements.length })}</h2>
      <Table<PublicEngagement>
        caption={t("public_engagements.caption", { count: engagements.length })}
        empty={t("public_engagements.none")}
        rows={engagements}
        columns={[
          {
            header: t("public_engagements.engagement"),
            cell: (e) => (
              <>
                <strong safe>{e.title}</strong>
                <br />
                <span safe>{`${t(`engagement.type.${e.type}`)}, ${e.unit.name}`}</span>
              </>
            ),
            rowHeader: true,
          },
          {
            header: t("public_engagements.counterparts"),
            cell: (e) => (
              <ul class="plain">
                {e.counterparts.map((c) => (
                  <li safe>{`${c.name} (${c.countryName})`}</li>
                ))}
              </ul>
            ),
          },
          {
            header: t("engagement.directions"),
            cell: (e) => (
              <span safe>{e.directions.map((d) => t(`engagement.direction.${d}`)).join(", ")}</span>
            ),
          },
          { header: t("engagement.purpose"), cell: (e) => <span safe>{e.purpose}</span> },
          {
            header: t("public_engagements.period"),
            cell: (e) => (
              <span class="nowrap" safe>
                {e.endDate
                  ? `${e.startDate} – ${e.endDate}`
                  : t("public_engagements.from", { start: e.startDate })}
              </span>
            ),
          },
          {
            header: t("public_engagements.decided_by"),
            cell: (e) =>
              e.decision ? (
                <a href={`/offentlig/arenden/${encodeURIComponent(e.decision.diaryNumber)}`} safe>
                  {t("public_engagements.decision", {
                    body: e.decision.bodyName,
                    date: e.decision.decidedOn,
                    paragraph: e.decision.minutesParagraph,
                    diaryNumber: e.decision.diaryNumber,
                  })}
                </a>
              ) : (
                "–"
              ),
          },
          {
            header: t("engagement.costs_by_year"),
            cell: (e) =>
              e.costByYear.length === 0 ? (
                <span safe>{t("public_engagements.no_cost")}</span>
              ) : (
                <ul class="plain">
                  {e.costByYear.map((c) => (
                    <li safe>
                      {t("public_engagements.cost_line", {
                        year: c.year,
                        total: kr(c.total),
                        city: kr(c.city),
                        external: kr(c.external),
                      })}
                    </li>
                  ))}
                </ul>
              ),
          },
        ]}
      />
    </Layout>
  );
}
