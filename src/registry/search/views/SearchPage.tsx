import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import type { SearchRequest } from "../search-request.ts";
import { type SearchChoices, SearchForm } from "./SearchForm.tsx";
import { SearchResults } from "./SearchResults.tsx";

/** Search for signed-in users; registry staff see everything, others what the public register shows. */
export function SearchPage(props: { view: View; search: SearchRequest; choices: SearchChoices }) {
  const { view, search } = props;
  return (
    <Layout view={view} title={view.t("search.title")} hasErrors={search.errors.length > 0}>
      <h1 safe>{view.t("search.title")}</h1>
      <SearchForm
        view={view}
        action="/sok"
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
          hrefFor={(hit) => `/arenden/${hit.caseId}`}
          nextHref={search.hrefs.next}
          firstHref={search.hrefs.first}
        />
      ) : null}
    </Layout>
  );
}
