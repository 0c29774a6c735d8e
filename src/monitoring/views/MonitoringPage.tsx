import type { ActorView, FailedForm as FailedFormOf } from "../../auth/index.ts";
import { LineChart } from "../../web/components/Charts.tsx";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import { type Comparison, WATCH_KINDS, type WatchItem } from "../monitoring.model.ts";

export type FailedForm = FailedFormOf<"watch" | "comparison">;

/** External monitoring: watch items, and the city's place in each index over the years as a chart. */
export function MonitoringPage(props: {
  view: ActorView;
  items: WatchItem[];
  comparisons: Map<string, Comparison[]>;
  failed: FailedForm | null;
}) {
  const { view, items, comparisons, failed } = props;
  const { t } = view;
  // Both forms have a "source" field: the comparison form's has its own id on the page.
  const errors = (failed?.errors ?? []).map((e) =>
    failed?.form === "comparison" && e.field === "source" ? { ...e, field: "comparison-source" } : e,
  );
  const errorsOf = (form: FailedForm["form"]) => (failed?.form === form ? errors : []);
  const watch = failed?.form === "watch" ? failed.values : {};
  const comparison = failed?.form === "comparison" ? failed.values : {};
  const number = new Intl.NumberFormat(view.locale);
  return (
    <Layout view={view} title={t("monitoring.title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("monitoring.title")}</h1>
      <h2 safe>{t("monitoring.comparisons_title")}</h2>
      {comparisons.size === 0 ? <p safe>{t("monitoring.no_comparisons")}</p> : null}
      {[...comparisons].map(([indexName, series], i) => {
        // A series with ranks is drawn by rank (1 at the top); otherwise by value.
        const byRank = series.every((c) => c.rank !== null);
        const data = series.flatMap((c) => {
          const v = byRank ? c.rank : c.value;
          return v === null ? [] : [{ label: String(c.year), value: v }];
        });
        return (
          <section>
            <h3 safe>{indexName}</h3>
            <LineChart
              id={`index-${i}`}
              title={t(byRank ? "monitoring.chart_rank_title" : "monitoring.chart_value_title", {
                index: indexName,
              })}
              description={t("monitoring.chart_desc", {
                index: indexName,
                from: data[0]?.label ?? "",
                to: data.at(-1)?.label ?? "",
                first: data[0] ? number.format(data[0].value) : "",
                last: data.at(-1) ? number.format(data.at(-1)?.value ?? 0) : "",
              })}
              labelHeader={t("monitoring.year")}
              valueHeader={t(byRank ? "monitoring.rank" : "monitoring.value")}
              data={data}
              empty={t("monitoring.no_comparisons")}
              format={(n) => number.format(n)}
              lowerIsBetter={byRank}
            />
          </section>
        );
      })}
      <h2 safe>{t("monitoring.watch_title")}</h2>
      <Table<WatchItem>
        caption={t("monitoring.watch_title")}
        columns={[
          { header: t("monitoring.observed_on"), cell: (w) => <span safe>{w.observedOn}</span> },
          { header: t("monitoring.kind"), cell: (w) => <span safe>{t(`monitoring.kind.${w.kind}`)}</span> },
          { header: t("monitoring.item_title"), cell: (w) => <span safe>{w.title}</span>, rowHeader: true },
          { header: t("monitoring.summary"), cell: (w) => <span safe>{w.summary}</span> },
          { header: t("monitoring.source"), cell: (w) => <span safe>{w.source ?? ""}</span> },
        ]}
        rows={items}
        empty={t("monitoring.no_items")}
      />
      {view.can("monitoring.manage") ? (
        <>
          <h2 safe>{t("monitoring.add_item_title")}</h2>
          <Form view={view} action="/engagemang/omvarld/bevakning">
            <Field
              view={view}
              name="kind"
              label={t("monitoring.kind")}
              value={watch.kind}
              errors={errorsOf("watch")}
              options={[
                ["", ""],
                ...WATCH_KINDS.map((k): [string, string] => [k, t(`monitoring.kind.${k}`)]),
              ]}
            />
            <Field
              view={view}
              name="title"
              label={t("monitoring.item_title")}
              value={watch.title}
              errors={errorsOf("watch")}
            />
            <Field
              view={view}
              name="summary"
              label={t("monitoring.summary")}
              rows={4}
              value={watch.summary}
              errors={errorsOf("watch")}
            />
            <Field
              view={view}
              name="source"
              label={t("monitoring.source")}
              value={watch.source}
              errors={errorsOf("watch")}
            />
            <DateInput
              view={view}
              name="observedOn"
              legend={t("monitoring.observed_on")}
              hint={t("followup.date_hint")}
              value={watch.observedOn}
              errors={errorsOf("watch")}
            />
            <button type="submit" class="button" safe>
              {t("monitoring.add_item_button")}
            </button>
          </Form>
          <h2 safe>{t("monitoring.add_comparison_title")}</h2>
          <Form view={view} action="/engagemang/omvarld/jamforelser">
            <Field
              view={view}
              name="indexName"
              label={t("monitoring.index")}
              value={comparison.indexName}
              errors={errorsOf("comparison")}
            />
            <Field
              view={view}
              name="year"
              label={t("monitoring.year")}
              width="short"
              value={comparison.year}
              errors={errorsOf("comparison")}
            />
            <Field
              view={view}
              name="rank"
              label={t("monitoring.rank")}
              hint={t("monitoring.rank_hint")}
              width="short"
              value={comparison.rank}
              errors={errorsOf("comparison")}
            />
            <Field
              view={view}
              name="value"
              label={t("monitoring.value")}
              width="short"
              value={comparison.value}
              errors={errorsOf("comparison")}
            />
            <Field
              view={view}
              name="source"
              id="comparison-source"
              label={t("monitoring.source")}
              value={comparison.source}
              errors={errorsOf("comparison")}
            />
            <button type="submit" class="button" safe>
              {t("monitoring.add_comparison_button")}
            </button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
