import { csvDocument } from "../platform/csv.ts";
import { readCsv, unguardCsvField } from "../platform/csv-read.ts";
import type { FieldError } from "../platform/errors.ts";
import type { MessageKey } from "../platform/i18n/index.ts";
import { renamed } from "../platform/validation.ts";
import type { MaintainedClass, Retention } from "./classification.model.ts";

/**
 * The classification scheme as a Swedish spreadsheet (issue 17): semicolons, UTF-8 with BOM, one
 * class a row. The same columns are read back by the import.
 */
export const CLASS_CSV_HEADER = [
  "Kod",
  "Benämning",
  "Beskrivning",
  "Bevarande",
  "Gallringsfrist (år)",
  "Gallringsbeslut",
  "Status",
] as const;

const RETENTION_WORDS: Record<Retention, string> = { keep: "bevaras", dispose: "gallras" };
const IN_USE = "i bruk";
const RETIRED = "avvecklad";

export function classesCsv(classes: readonly MaintainedClass[]): string {
  return csvDocument([
    CLASS_CSV_HEADER,
    ...classes.map((c) => [
      c.code,
      c.current.title,
      c.current.description,
      c.current.retention ? RETENTION_WORDS[c.current.retention] : "",
      c.current.retentionYears,
      c.current.decisionReference,
      c.retiredAt ? RETIRED : IN_USE,
    ]),
  ]);
}

/** One row of an import: the class's answers as the forms take them, and whether it is in use. */
export interface CsvClassRow {
  line: number;
  input: Record<string, string>;
  inUse: boolean;
}

/** A problem of a row as the form shows it: on the file field, its line number in the message. */
export const rowProblem = (
  line: number,
  message: MessageKey,
  params: Record<string, string | number> = {},
) => ({
  field: "file",
  message,
  params: { ...params, line },
});

/** What each problem of a class's fields is called in a file, by field or by rule message. */
const ROW_MESSAGES: Record<string, MessageKey> = {
  code: "classification.csv_code",
  title: "classification.csv_title",
  description: "classification.csv_description",
  retention: "classification.csv_retention",
  retentionYears: "classification.csv_years",
  decisionReference: "classification.csv_decision",
  "classification.years_required": "classification.csv_years_required",
  "classification.decision_required": "classification.csv_decision_required",
  "classification.years_only_dispose": "classification.csv_years_only_dispose",
  "classification.decision_without_rule": "classification.csv_decision_without_rule",
  "classification.decision_unknown": "classification.csv_decision_unknown",
};

/** A class field's problem, said of the row it came from. */
export const fieldProblemOfRow = (line: number, e: FieldError): FieldError =>
  rowProblem(
    line,
    renamed(ROW_MESSAGES, e.message) ?? renamed(ROW_MESSAGES, e.field) ?? "classification.csv_invalid",
    e.params,
  );

/** Reads an import's rows; the problems of the file's form, each with its line (fields are checked later). */
export function readClassCsv(text: string): { rows: CsvClassRow[]; problems: FieldError[] } {
  const records = readCsv(text);
  if (records === null) return { rows: [], problems: [rowProblem(0, "classification.csv_unclosed")] };
  const [header, ...body] = records;
  const expected = CLASS_CSV_HEADER.join(";");
  if (
    !header ||
    header.fields.map((f) => f.trim().toLocaleLowerCase("sv")).join(";") !== expected.toLocaleLowerCase("sv")
  )
    return { rows: [], problems: [rowProblem(1, "classification.csv_header", { header: expected })] };
  if (body.length === 0) return { rows: [], problems: [rowProblem(2, "classification.csv_empty")] };
  const rows: CsvClassRow[] = [];
  const problems: FieldError[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, fields } of body) {
    if (fields.length !== CLASS_CSV_HEADER.length) {
      problems.push(
        rowProblem(line, "classification.csv_columns", {
          count: fields.length,
          expected: CLASS_CSV_HEADER.length,
        }),
      );
      continue;
    }
    const [code, title, description, retentionWord, years, decision, status] = fields.map((f) =>
      unguardCsvField(f.trim()),
    ) as [string, string, string, string, string, string, string];
    const word = retentionWord.toLocaleLowerCase("sv");
    const retention =
      word === ""
        ? ""
        : word === RETENTION_WORDS.keep
          ? "keep"
          : word === RETENTION_WORDS.dispose
            ? "dispose"
            : null;
    if (retention === null) problems.push(rowProblem(line, "classification.csv_retention"));
    const state = status.toLocaleLowerCase("sv");
    if (state !== "" && state !== IN_USE && state !== RETIRED)
      problems.push(rowProblem(line, "classification.csv_status"));
    const first = firstLineOf.get(code);
    if (code !== "" && first !== undefined)
      problems.push(rowProblem(line, "classification.csv_duplicate", { code, first }));
    else firstLineOf.set(code, line);
    rows.push({
      line,
      input: {
        code,
        title,
        description,
        retention: retention ?? "",
        retentionYears: years,
        decisionReference: decision,
      },
      inUse: state !== RETIRED,
    });
  }
  return { rows, problems };
}
