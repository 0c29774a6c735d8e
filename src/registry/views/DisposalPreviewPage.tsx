import { ActionButton } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { SKIP_REASONS } from "../disposal.model.ts";
import type { DisposalPlan } from "../disposal.service.ts";

/** What a disposal run would do today, and the one button that does it. */
export function DisposalPreviewPage({ view, plan }: { view: View; plan: DisposalPlan }) {
  const { t } = view;
  const skipped = SKIP_REASONS.filter((r) => plan.skipped[r] > 0);
  return (
    <Layout view={view} title={t("disposal.preview_title")}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/admin/gallring" safe>
          {t("disposal.title")}
        </a>
      </nav>
      <h1 safe>{t("disposal.preview_title")}</h1>
      <Table
        caption={t("disposal.preview_caption")}
        empty={t("disposal.nothing_eligible")}
        rows={plan.eligible}
        columns={[
          {
            header: t("case.diary_number"),
            cell: (c) => (
              <span class="nowrap" safe>
                {c.diaryNumber}
              </span>
            ),
            rowHeader: true,
          },
          {
            header: t("document.description"),
            cell: (c) => (
              <a href={`/handlingar/${c.documentId}`} safe>
                {c.description}
              </a>
            ),
          },
          {
            header: t("disposal.file"),
            cell: (c) => (
              <span safe>{`${c.fileName} (${t("document.version", { version: c.version })})`}</span>
            ),
          },
          { header: t("disposal.document_type"), cell: (c) => <span safe>{c.documentType}</span> },
          { header: t("disposal.reference"), cell: (c) => <span safe>{c.reference}</span> },
          { header: t("disposal.retention_ends"), cell: (c) => <span safe>{c.retentionEnds}</span> },
        ]}
      />
      <Table
        caption={t("disposal.skipped_caption")}
        empty="–"
        rows={skipped}
        columns={[
          {
            header: t("disposal.reason"),
            cell: (r) => <span safe>{t(`disposal.reason.${r}`)}</span>,
            rowHeader: true,
          },
          {
            header: t("disposal.count"),
            cell: (r) => <span safe>{String(plan.skipped[r])}</span>,
            numeric: true,
          },
        ]}
      />
      {plan.eligible.length > 0 ? (
        <>
          <p class="warning" safe>
            {t("disposal.confirm_warning")}
          </p>
          <ActionButton
            view={view}
            action="/admin/gallring/verkstall"
            label={t("disposal.confirm", { count: plan.eligible.length })}
          />
        </>
      ) : null}
    </Layout>
  );
}
