import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { ActionButton, Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { type MaintainedClass, retentionText } from "../classification.model.ts";
import { CLASSES_BASE } from "./ClassFormPage.tsx";
import { FileInput } from "./inputs.tsx";

/**
 * Admins keep the classification scheme in force: each class with its current version, links to
 * change it (a new version) or to create one, retire or take back, and the CSV export and import.
 */
export function ClassesPage(props: {
  view: View;
  scheme: string;
  classes: MaintainedClass[];
  /** How many classes the last import changed, to say so. */
  imported: number | null;
  errors: FieldError[];
}) {
  const { view, scheme, classes, imported, errors } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("classification.list_title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("classification.list_title")}</h1>
      <p safe>{t("classification.intro", { scheme })}</p>
      {imported !== null ? (
        <p class="notice" role="status" safe>
          {t("classification.imported", { count: imported })}
        </p>
      ) : null}
      <p>
        <a class="button" href={`${CLASSES_BASE}/ny`} safe>
          {t("classification.new_title")}
        </a>
      </p>
      <Table
        caption={t("classification.caption", { scheme })}
        rows={classes}
        empty={t("classification.none")}
        columns={[
          { header: t("classification.code"), rowHeader: true, cell: (c) => <span safe>{c.code}</span> },
          {
            header: t("classification.title"),
            cell: (c) => (
              <a href={`${CLASSES_BASE}/${c.id}`} safe>
                {c.current.title}
              </a>
            ),
          },
          {
            header: t("classification.retention"),
            cell: (c) => <span safe>{retentionText(t, c.current)}</span>,
          },
          {
            header: t("classification.version"),
            numeric: true,
            cell: (c) => <span safe>{String(c.current.version)}</span>,
          },
          {
            header: t("classification.status"),
            cell: (c) => (
              <span safe>{t(c.retiredAt ? "classification.retired" : "classification.in_use")}</span>
            ),
          },
          {
            header: t("classification.action"),
            cell: (c) => (
              <ActionButton
                view={view}
                action={`${CLASSES_BASE}/${c.id}/${c.retiredAt ? "ta-i-bruk" : "avveckla"}`}
                label={t(c.retiredAt ? "classification.reinstate_label" : "classification.retire_label", {
                  code: c.code,
                })}
                secondary
              />
            ),
          },
        ]}
      />
      <h2 safe>{t("classification.csv_heading")}</h2>
      <p>
        <a href={`${CLASSES_BASE}.csv`} download="klassificering.csv" safe>
          {t("classification.export")}
        </a>
      </p>
      <Form view={view} action={`${CLASSES_BASE}/import`} multipart>
        <FileInput
          view={view}
          name="file"
          label={t("classification.import_file")}
          hint={t("classification.import_hint")}
          errors={errors}
        />
        <button type="submit" class="button secondary" safe>
          {t("classification.preview")}
        </button>
      </Form>
    </Layout>
  );
}
