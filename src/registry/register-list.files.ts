import { PassThrough, Readable } from "node:stream";
import { CSV_BOM, csvLine } from "../platform/csv.ts";
import type { Translate } from "../platform/i18n/index.ts";
import type { RegisterListRow } from "./register-list.service.ts";

/** The columns of the register list download: header key, width in characters, and the value. */
const COLUMNS: {
  header: Parameters<Translate>[0];
  width: number;
  value: (r: RegisterListRow, t: Translate) => string | number | null;
}[] = [
  { header: "case.diary_number", width: 20, value: (r) => r.diaryNumber },
  { header: "case.title", width: 60, value: (r) => r.title },
  { header: "case.class", width: 36, value: (r) => r.className },
  { header: "case.unit", width: 36, value: (r) => r.unit },
  { header: "case.officer", width: 24, value: (r) => r.officer },
  { header: "case.status", width: 12, value: (r, t) => t(`case.status.${r.status}`) },
  { header: "case.opened_on", width: 12, value: (r) => r.openedOn },
  { header: "case.closed_on", width: 12, value: (r) => r.closedOn },
  { header: "export.document_count", width: 10, value: (r) => r.documents },
];

/** The list as CSV for Swedish Excel: UTF-8 with BOM, semicolons, formula characters neutralised. */
export function registerListCsv(rows: AsyncIterable<RegisterListRow>, t: Translate): Readable {
  return Readable.from(
    (async function* () {
      yield CSV_BOM + csvLine(COLUMNS.map((c) => t(c.header)));
      for await (const r of rows) yield csvLine(COLUMNS.map((c) => c.value(r, t)));
    })(),
  );
}

/**
 * The list as an Excel workbook, written row by row (exceljs' streaming writer): bold, frozen
 * header, set widths, dates as text. Every cell is a plain value, never a formula, so text that
 * starts with "=" stays text. exceljs is loaded on first use: it is large and most processes never
 * write a workbook.
 */
export function registerListXlsx(rows: AsyncIterable<RegisterListRow>, t: Translate): Readable {
  const out = new PassThrough();
  const write = async () => {
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const sheet = workbook.addWorksheet(t("export.list_sheet"), { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = COLUMNS.map((c, i) => ({ key: String(i), header: t(c.header), width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const r of rows) sheet.addRow(COLUMNS.map((c) => c.value(r, t))).commit();
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
