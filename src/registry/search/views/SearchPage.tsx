import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import type { SearchRequest } from "../search-request.ts";
import type { SearchChoices } from "./SearchForm.tsx";
import { SearchSection } from "./SearchSection.tsx";

/** Search for signed-in users; registry staff see everything, others what the public register shows. */
export function SearchPage(props: { view: View; search: SearchRequest; choices: SearchChoices }) {
  const { view, search } = props;
  return (
    <Layout view={view} title={view.t("search.title")} hasErrors={search.errors.length > 0}>
      <h1 safe>{view.t("search.title")}</h1>
      <SearchSection
        view={view}
        action="/sok"
        search={search}
        choices={props.choices}
        hrefFor={(hit) => `/arenden/${hit.caseId}`}
      />
    </Layout>
  );
}
