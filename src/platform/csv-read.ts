/** A record of a CSV file with the line it starts on (1 is the header). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Reads semicolon-separated CSV as Swedish spreadsheets write it (csv.ts writes the same): an
 * optional UTF-8 byte order mark, fields optionally quoted with doubled quotes inside, CRLF or LF.
 * Blank lines are skipped. Null when a quoted field is never closed.
 */
export function readCsv(text: string, separator = ";"): CsvRecord[] | null {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== "") records.push({ line: start, fields });
    fields = [];
    field = "";
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && source[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) return null;
  endRecord();
  return records;
}

/** Undoes csv.ts's guard against spreadsheet formulas: a leading apostrophe before = + - @ tab or CR. */
export const unguardCsvField = (value: string): string =>
  /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
