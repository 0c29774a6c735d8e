import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import type { SearchRequest } from "../../search/search-request.ts";
import { type SearchChoices, SearchForm } from "../../search/views/SearchForm.tsx";
import { SearchResults } from "../../search/views/SearchResults.tsx";
import { publicCaseHref } from "../public-register.service.ts";
import type { PublicCase } from "../public-view.ts";

/** The public register: search, or browse the newest cases. No login. */
export function PublicRegisterPage(props: {
  view: View;
  search: SearchRequest;
  choices: SearchChoices;
  latest: PublicCase[];
}) {
  const { view, search } = props;
  const { t } = view;
  const unitName = new Map(props.choices.units.map((u) => [u.id, u.name]));
  return (
    <Layout view={view} title={t("public.title")} hasErrors={search.errors.length > 0}>
      <h1 safe>{t("public.title")}</h1>
      <p safe>{t("public.intro")}</p>
      <SearchForm
        view={view}
        action="/offentlig"
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
          hrefFor={(hit) => publicCaseHref(hit.diaryNumber)}
          nextHref={search.hrefs.next}
          firstHref={search.hrefs.first}
        />
      ) : (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading" safe>
            {t("public.latest")}
          </h2>
          <Table
            caption={t("public.latest")}
            empty={t("case.none")}
            rows={props.latest}
            columns={[
              {
                header: t("case.diary_number"),
                cell: (c) => (
                  <a href={publicCaseHref(c.diaryNumber)} safe>
                    {c.diaryNumber}
                  </a>
                ),
                rowHeader: true,
              },
              { header: t("case.title"), cell: (c) => <span safe>{c.title}</span> },
              { header: t("case.unit"), cell: (c) => <span safe>{unitName.get(c.unitId) ?? c.unitId}</span> },
              { header: t("case.status"), cell: (c) => <span safe>{t(`case.status.${c.status}`)}</span> },
              { header: t("case.opened_on"), cell: (c) => <span safe>{c.openedOn}</span> },
            ]}
          />
        </section>
      )}
    </Layout>
  );
}
