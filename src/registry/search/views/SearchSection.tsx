import type { View } from "../../../web/view.ts";
import type { SearchResult } from "../search.service.ts";
import type { SearchRequest } from "../search-request.ts";
import { type SearchChoices, SearchForm } from "./SearchForm.tsx";
import { SearchResults } from "./SearchResults.tsx";

/** The search form and, once a search was asked, its hits: the same on the staff and the public pages. */
export function SearchSection(props: {
  view: View;
  action: string;
  search: SearchRequest;
  choices: SearchChoices;
  hrefFor: (hit: SearchResult) => string;
}) {
  const { view, search } = props;
  return (
    <>
      <SearchForm
        view={view}
        action={props.action}
        values={search.values}
        errors={search.errors}
        choices={props.choices}
      />
      {search.page ? (
        <SearchResults
          view={view}
          query={search.values.q ?? ""}
          page={search.page}
          units={props.choices.units}
          hrefFor={props.hrefFor}
          nextHref={search.hrefs.next}
          firstHref={search.hrefs.first}
        />
      ) : null}
    </>
  );
}
