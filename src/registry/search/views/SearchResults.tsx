import type { Unit } from "../../../organisation/index.ts";
import { Pagination } from "../../../web/components/Pagination.tsx";
import type { View } from "../../../web/view.ts";
import type { SearchPage, SearchResult } from "../search.service.ts";

/** A page of hits: each case with its title, facts and an excerpt with the matched words marked. */
export function SearchResults(props: {
  view: View;
  query: string;
  page: SearchPage;
  units: Unit[];
  hrefFor: (hit: SearchResult) => string;
  nextHref: string | null;
  firstHref: string | null;
}) {
  const { view, page } = props;
  const { t } = view;
  const unitName = new Map(props.units.map((u) => [u.id, u.name]));
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" safe>
        {t("search.results", { q: props.query })}
      </h2>
      {page.items.length === 0 ? (
        <p safe>{t("search.none")}</p>
      ) : (
        <>
          <p safe>{t(`search.order.${page.order}`)}</p>
          <ol class="search-results" aria-label={t("search.caption")}>
            {page.items.map((hit) => (
              <li>
                <h3>
                  <a href={props.hrefFor(hit)} safe>
                    {`${hit.diaryNumber} ${hit.title}`}
                  </a>
                </h3>
                <p class="meta" safe>
                  {[
                    unitName.get(hit.unitId) ?? hit.unitId,
                    t(`case.status.${hit.status}`),
                    hit.openedOn,
                  ].join(" · ")}
                </p>
                {hit.snippet.length > 0 ? (
                  <p class="excerpt">
                    <span class="visually-hidden" safe>
                      {`${t("search.excerpt")}: `}
                    </span>
                    {hit.snippet.map((part) =>
                      part.match ? <mark safe>{part.text}</mark> : <span safe>{part.text}</span>,
                    )}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
      <Pagination view={view} firstHref={props.firstHref} nextHref={props.nextHref} />
    </section>
  );
}
