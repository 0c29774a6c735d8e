import type { Translate } from "../platform/i18n/index.ts";
import type { Letterhead } from "../platform/text/letterhead.ts";
import { type WordImage, type WordSection, type WordTable, wordFile } from "../platform/text/word-writer.ts";
import { barChartImage } from "../web/components/chart-image.ts";
import { reportCharts } from "./report.charts.ts";
import type { AnnualReport, ReportItem, ReportRow } from "./report.model.ts";

/** The report's tables, shared by the Word and the Excel file: a caption, a header and rows of plain values. */
export function reportTables(r: AnnualReport, t: Translate): WordTable[] {
  const rows = (caption: string, header: string, data: ReportRow[]): WordTable => ({
    caption,
    head: [header, t("report.count"), t("report.cost")],
    rows: data.map((d) => [d.label, d.count, d.cost]),
  });
  const items = (caption: string, dateHeader: string, data: ReportItem[]): WordTable => ({
    caption,
    head: [t("report.engagement"), t("review.unit"), dateHeader],
    rows: data.map((d) => [d.title, d.unitName, d.date]),
  });
  return [
    rows(t("report.by_direction"), t("report.direction"), r.byDirection),
    rows(t("report.by_type"), t("review.type"), r.byType),
    rows(t("report.by_unit"), t("review.unit"), r.byUnit),
    rows(t("report.by_country"), t("report.country"), r.byCountry),
    items(t("report.visits", { count: r.visits.length }), t("report.date"), r.visits),
    items(t("report.memberships", { count: r.memberships.length }), t("report.since"), r.memberships),
    items(t("report.reviews_due", { count: r.reviewsDue.length }), t("review.due_on"), r.reviewsDue),
    {
      caption: t("report.plans"),
      head: [t("review.unit"), t("plan.planned_work"), t("plan.budget"), t("plan.outcome"), t("plan.cost")],
      rows: r.plans.map((p) => [p.unitName, p.plannedWork, p.budget, p.outcome, p.cost]),
    },
  ];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The report's charts as pictures, by the heading of the table they go with (charts without data left out). */
async function chartImages(r: AnnualReport, t: Translate, locale: string) {
  const groups = await Promise.all(
    reportCharts(r, t, locale).map(async ([heading, charts]) => {
      const drawn = charts.filter((c) => c.data.length > 0);
      const images = await Promise.all(
        drawn.map(
          async (c): Promise<WordImage> => ({
            ...(await barChartImage(c)),
            title: c.title,
            description: c.description,
          }),
        ),
      );
      return [heading, images] as const;
    }),
  );
  return new Map(groups);
}

/** The annual report as a Word file on the city's template: a summary, then each chart as a picture and every table. */
export async function reportDocx(r: AnnualReport, t: Translate, letterhead: Letterhead): Promise<Buffer> {
  const number = new Intl.NumberFormat(letterhead.language);
  const images = await chartImages(r, t, letterhead.language);
  return wordFile(
    t("report.title", { year: r.year }),
    [
      [
        t("report.summary_title"),
        [
          t("report.summary", { count: r.engagements, cost: number.format(r.cost), year: r.year }),
          t("report.cost_split", {
            city: number.format(r.cityCost),
            external: number.format(r.externalCost),
          }),
          t("report.method"),
        ],
      ],
      ...reportTables(r, t).map(
        (table): WordSection => [table.caption, [...(images.get(table.caption) ?? []), table]],
      ),
    ],
    { letterhead },
  );
}

/**
 * The annual report as an Excel workbook: one sheet per table, bold frozen header with filters,
 * plain values (never formulas), dates as real date cells.
 */
export async function reportXlsx(r: AnnualReport, t: Translate): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "kansli";
  reportTables(r, t).forEach((table, i) => {
    // Sheet names: at most 31 characters, unique.
    const sheet = workbook.addWorksheet(
      `${i + 1} ${table.caption}`.replace(/[*?:\\/[\]]/g, "").slice(0, 31),
      {
        views: [{ state: "frozen", ySplit: 1 }],
      },
    );
    sheet.addRow(table.head).font = { bold: true };
    for (const row of table.rows) {
      const added = sheet.addRow(
        row.map((v) => (typeof v === "string" && ISO_DATE.test(v) ? new Date(`${v}T00:00:00Z`) : v)),
      );
      added.eachCell((c) => {
        if (c.value instanceof Date) c.numFmt = "yyyy-mm-dd";
      });
    }
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.head.length } };
    sheet.columns.forEach((c) => {
      c.width = 24;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
