import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { ENGAGEMENT_TYPES } from "../engagements.model.ts";

/** The first step of registering: which kind of engagement (a GET form, so it needs no token). */
export function ChooseTypePage({ view }: { view: View }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("engagement.choose_type_title")}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/engagemang" safe>
          {t("engagement.list_title")}
        </a>
      </nav>
      <h1 safe>{t("engagement.choose_type_title")}</h1>
      <form method="get" action="/engagemang/ny">
        <fieldset class="field">
          <legend safe>{t("engagement.choose_type")}</legend>
          {ENGAGEMENT_TYPES.map((type, i) => (
            <div class="field checkbox">
              <input
                type="radio"
                id={i === 0 ? "typ" : `typ-${type}`}
                name="typ"
                value={type}
                checked={i === 0}
              />
              <label for={i === 0 ? "typ" : `typ-${type}`} safe>
                {t(`engagement.type.${type}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button" safe>
          {t("engagement.continue")}
        </button>
      </form>
    </Layout>
  );
}
