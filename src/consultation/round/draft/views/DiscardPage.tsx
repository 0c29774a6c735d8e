import { ActionButton } from "../../../../web/components/Form.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import type { Consultation } from "../../consultation.model.ts";

/** Asks the officer to confirm discarding a draft, saying what stays: the round in the history, the registered material. */
export function DiscardPage({ view, consultation: k }: { view: View; consultation: Consultation }) {
  const { t } = view;
  const base = `/remisser/${k.id}`;
  const title = t("consultation.discard_title", { title: k.title });
  return (
    <Layout view={view} title={title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={base} safe>
          {k.title}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      <p safe>{t("consultation.discard_text")}</p>
      <ActionButton view={view} action={`${base}/kassera`} label={t("consultation.discard_button")} />
      <p>
        <a href={base} safe>
          {t("consultation.discard_cancel")}
        </a>
      </p>
    </Layout>
  );
}
