import type { Children } from "@kitajs/html";

export interface Column<T> {
  header: string;
  /** Cell content; return escaped text or our own markup. */
  cell: (row: T) => Children;
  /** The column that names the row becomes a row header. */
  rowHeader?: boolean;
  numeric?: boolean;
}

/**
 * An accessible data table: caption, column headers with scope, row headers. A wide table
 * scrolls sideways in its own region, which takes keyboard focus so it can be scrolled
 * without a mouse (WCAG 2.1.1) and is named by the caption.
 */
export function Table<T>({
  caption,
  captionHidden = false,
  columns,
  rows,
  empty,
}: {
  caption: string;
  /** The caption for screen readers only, where the same words are already shown (a chart's title). */
  captionHidden?: boolean;
  columns: Column<T>[];
  rows: T[];
  empty: string;
}) {
  if (rows.length === 0) {
    return (
      <p class="empty" safe>
        {empty}
      </p>
    );
  }
  return (
    <section class="table-wrap" aria-label={caption} tabindex="0">
      <table>
        <caption class={captionHidden ? "visually-hidden" : undefined} safe>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" class={c.numeric ? "numeric" : undefined} safe>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th scope="row">{c.cell(row)}</th>
                ) : (
                  <td class={c.numeric ? "numeric" : undefined}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
