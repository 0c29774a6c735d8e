/** A CSV field: quoted, quotes doubled, and a leading formula character neutralised for spreadsheets. */
export function csvField(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One line of semicolon-separated fields, as Swedish Excel expects. */
export const csvLine = (fields: readonly (string | number | null)[]): string =>
  `${fields.map(csvField).join(";")}\r\n`;

/** The byte order mark that makes Excel read the file as UTF-8. */
export const CSV_BOM = "\uFEFF";

/** A whole CSV document: BOM, header and rows. */
export const csvDocument = (rows: readonly (readonly (string | number | null)[])[]): string =>
  CSV_BOM + rows.map(csvLine).join("");
