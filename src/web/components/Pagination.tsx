import type { View } from "../view.ts";

/** Keyset pagination: a labelled nav with a link to the next page (and back to the first). */
export function Pagination({
  view,
  firstHref,
  nextHref,
}: {
  view: View;
  firstHref: string | null;
  nextHref: string | null;
}) {
  if (!firstHref && !nextHref) return "";
  return (
    <nav class="pagination" aria-label={view.t("pagination.label")}>
      <ul>
        {firstHref ? (
          <li>
            <a href={firstHref} safe>
              {view.t("pagination.first")}
            </a>
          </li>
        ) : null}
        {nextHref ? (
          <li>
            <a href={nextHref} rel="next" safe>
              {view.t("pagination.next")}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
