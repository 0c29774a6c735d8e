import { Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { retentionText } from "../classification.model.ts";
import type { ImportChange, ImportPlan } from "../classification-import.service.ts";
import { CLASSES_BASE } from "./ClassFormPage.tsx";

const CHANGE_LABELS = {
  create: "classification.change_create",
  version: "classification.change_version",
  retire: "classification.change_retire",
  reinstate: "classification.change_reinstate",
  unchanged: "classification.change_unchanged",
} as const satisfies Record<ImportChange, string>;

/**
 * What an import will change, before it is applied: each row's class and change. The file's text
 * goes along in the form and is read and checked again when applied.
 */
export function ClassImportPreviewPage(props: { view: View; plan: ImportPlan; csv: string }) {
  const { view, plan, csv } = props;
  const { t } = view;
  const changing = plan.classes.filter((c) => !c.changes.includes("unchanged")).length;
  return (
    <Layout view={view} title={t("classification.preview_title")}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={CLASSES_BASE} safe>
          {t("classification.list_title")}
        </a>
      </nav>
      <h1 safe>{t("classification.preview_title")}</h1>
      <p safe>{t("classification.preview_intro", { count: changing, untouched: plan.untouched })}</p>
      <Table
        caption={t("classification.preview_caption")}
        rows={plan.classes}
        empty=""
        columns={[
          {
            header: t("classification.line"),
            numeric: true,
            cell: (c) => <span safe>{String(c.line)}</span>,
          },
          { header: t("classification.code"), rowHeader: true, cell: (c) => <span safe>{c.code}</span> },
          { header: t("classification.title"), cell: (c) => <span safe>{c.title}</span> },
          {
            header: t("classification.retention"),
            cell: (c) => (
              <span safe>
                {retentionText(t, {
                  retention: c.data.retention ?? null,
                  retentionYears: c.data.retentionYears ?? null,
                  decisionReference: c.data.decisionReference ?? null,
                })}
              </span>
            ),
          },
          {
            header: t("classification.change"),
            cell: (c) => <span safe>{c.changes.map((k) => t(CHANGE_LABELS[k])).join(", ")}</span>,
          },
        ]}
      />
      <Form view={view} action={`${CLASSES_BASE}/import/genomfor`}>
        <input type="hidden" name="csv" value={csv} />
        <button type="submit" class="button" safe>
          {t("classification.apply", { count: changing })}
        </button>
      </Form>
      <p>
        <a href={CLASSES_BASE} safe>
          {t("classification.cancel_import")}
        </a>
      </p>
    </Layout>
  );
}
