import { ActionButton } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { ImportDraft } from "../imports.model.ts";

/** Seconds between the reading page's reloads. */
const REFRESH_SECONDS = 3;

/**
 * An import that is not (or no longer) to be reviewed: being read ("Läser sida 4 av 11", the page
 * reloads itself without JavaScript until the review is ready, and the clerk can stop the reloading),
 * not readable (why, and the choice to discard it), or discarded.
 */
export function ImportStatusPage(props: { view: View; draft: ImportDraft; refresh: boolean }) {
  const { view, draft } = props;
  const { t } = view;
  const base = `/import/${draft.id}`;
  const reading = draft.status === "reading";
  const title =
    draft.status === "failed"
      ? t("import.failed_title")
      : draft.status === "discarded"
        ? t("import.discarded_title")
        : t("import.reading_title");
  return (
    <Layout view={view} title={title} refreshSeconds={reading && props.refresh ? REFRESH_SECONDS : undefined}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/import" safe>
          {t("import.upload_title")}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      <p safe>{t("import.original_file", { name: draft.fileName })}</p>
      {reading ? (
        <>
          <p role="status" class="import-progress" safe>
            {draft.progress.page < draft.progress.pages
              ? t("import.reading_page", { page: draft.progress.page + 1, pages: draft.progress.pages })
              : t("import.reading_proposal")}
          </p>
          <progress
            max={draft.progress.pages}
            value={draft.progress.page}
            aria-label={t("import.progress")}
            safe
          >
            {`${draft.progress.page}/${draft.progress.pages}`}
          </progress>
          <p safe>{t("import.reading_hint")}</p>
          {props.refresh ? (
            <p>
              <a href={`${base}?uppdatera=nej`} safe>
                {t("import.stop_refresh")}
              </a>
            </p>
          ) : (
            <p>
              <a href={base} safe>
                {t("import.refresh")}
              </a>
            </p>
          )}
        </>
      ) : null}
      {draft.status === "failed" ? (
        <>
          <p class="error-message" safe>
            {draft.failure ? t(draft.failure) : t("import.read_failed")}
          </p>
          <ActionButton view={view} action={`${base}/kassera`} label={t("import.discard_button")} secondary />
        </>
      ) : null}
      {draft.status === "discarded" ? <p safe>{t("import.discarded_text")}</p> : null}
    </Layout>
  );
}

/** Asks the clerk to confirm discarding an import, saying what is kept. */
export function ImportDiscardPage({ view, draft }: { view: View; draft: ImportDraft }) {
  const { t } = view;
  const base = `/import/${draft.id}`;
  const title = t("import.discard_title", { name: draft.fileName });
  return (
    <Layout view={view} title={title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={base} safe>
          {t("import.review_title")}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      <p safe>{t("import.discard_text")}</p>
      <ActionButton view={view} action={`${base}/kassera`} label={t("import.discard_button")} />
      <p>
        <a href={base} safe>
          {t("import.discard_cancel")}
        </a>
      </p>
    </Layout>
  );
}
