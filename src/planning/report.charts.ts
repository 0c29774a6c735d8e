import type { Translate } from "../platform/i18n/index.ts";
import type { ChartProps } from "../web/components/Charts.tsx";
import type { AnnualReport, ReportRow } from "./report.model.ts";

/** A breakdown's heading (the caption of its table) and its charts. */
export type ReportChartGroup = [heading: string, charts: ChartProps[]];

/**
 * The annual report's charts, the same on the page and as pictures in the Word file: per direction
 * (count and cost), type, unit and country, numbers in the reader's format.
 */
export function reportCharts(r: AnnualReport, t: Translate, locale: string): ReportChartGroup[] {
  const number = new Intl.NumberFormat(locale);
  const chart = (
    id: string,
    title: string,
    labelHeader: string,
    rows: ReportRow[],
    value: "count" | "cost",
  ): ChartProps => {
    const data = rows.map((row) => ({ label: row.label, value: row[value] }));
    const top = data.reduce<{ label: string; value: number } | null>(
      (m, d) => (m && m.value >= d.value ? m : d),
      null,
    );
    return {
      id,
      title,
      description: top
        ? t("report.chart_desc", { title, top: top.label, value: number.format(top.value) })
        : title,
      labelHeader,
      valueHeader: value === "count" ? t("report.count") : t("report.cost"),
      data,
      empty: t("report.none"),
      format: (n) => number.format(n),
    };
  };
  return [
    [
      t("report.by_direction"),
      [
        chart("by-direction", t("report.by_direction"), t("report.direction"), r.byDirection, "count"),
        chart(
          "cost-by-direction",
          t("report.cost_by_direction"),
          t("report.direction"),
          r.byDirection,
          "cost",
        ),
      ],
    ],
    [t("report.by_type"), [chart("by-type", t("report.by_type"), t("review.type"), r.byType, "count")]],
    [t("report.by_unit"), [chart("by-unit", t("report.by_unit"), t("review.unit"), r.byUnit, "count")]],
    [
      t("report.by_country"),
      [chart("by-country", t("report.by_country"), t("report.country"), r.byCountry, "count")],
    ],
  ];
}
