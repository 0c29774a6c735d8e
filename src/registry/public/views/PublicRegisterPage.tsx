import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import type { SearchRequest } from "../../search/search-request.ts";
import type { SearchChoices } from "../../search/views/SearchForm.tsx";
import { SearchSection } from "../../search/views/SearchSection.tsx";
import { CaseTable } from "../../views/CaseTable.tsx";
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
  return (
    <Layout view={view} title={t("public.title")} hasErrors={search.errors.length > 0}>
      <h1 safe>{t("public.title")}</h1>
      <p safe>{t("public.intro")}</p>
      <p>
        <a href="/offentlig/remisser" safe>
          {t("public.consultations_link")}
        </a>
      </p>
      <p>
        <a href="/offentlig/internationellt" safe>
          {t("public_engagements.link")}
        </a>
      </p>
      <p>
        <a href="/offentlig/besok" safe>
          {t("visit.public_form_cta")}
        </a>
      </p>
      <SearchSection
        view={view}
        action="/offentlig"
        search={search}
        choices={props.choices}
        hrefFor={(hit) => publicCaseHref(hit.diaryNumber)}
      />
      {search.page ? null : (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading" safe>
            {t("public.latest")}
          </h2>
          <CaseTable
            view={view}
            caption={t("public.latest")}
            cases={props.latest}
            units={props.choices.units}
            hrefFor={(c) => publicCaseHref(c.diaryNumber)}
          />
        </section>
      )}
    </Layout>
  );
}
