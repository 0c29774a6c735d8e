import type { FieldError } from "../../platform/errors.ts";
import { FileInput } from "../../registry/index.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";

import type { WaitingImport } from "../imports.service.ts";

/** Upload a received consultation; lists the imports waiting for review, and those being read or not readable. */
export function ImportUploadPage(props: {
  view: View;
  maxMb: number;
  pending: WaitingImport[];
  unread: WaitingImport[];
  errors: FieldError[];
}) {
  const { view, errors } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("import.upload_title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("import.upload_title")}</h1>
      <p safe>{t("import.upload_intro")}</p>
      <Form view={view} action="/import" multipart>
        <FileInput
          view={view}
          name="file"
          label={t("import.file")}
          hint={t("import.file_hint", { max: props.maxMb })}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {t("import.read_button")}
        </button>
      </Form>
      <h2 safe>{t("import.pending_title")}</h2>
      <Table<WaitingImport>
        caption={t("import.pending_title")}
        columns={[
          {
            header: t("import.title"),
            cell: (p) => (
              <a href={`/import/${p.id}`} safe>
                {p.title || p.fileName}
              </a>
            ),
            rowHeader: true,
          },
          { header: t("import.file"), cell: (p) => <span safe>{p.fileName}</span> },
          { header: t("import.uploaded"), cell: (p) => <span safe>{p.createdAt.slice(0, 10)}</span> },
        ]}
        rows={props.pending}
        empty={t("import.pending_none")}
      />
      {props.unread.length > 0 ? (
        <>
          <h2 safe>{t("import.unread_title")}</h2>
          <Table<WaitingImport>
            caption={t("import.unread_title")}
            columns={[
              {
                header: t("import.file"),
                cell: (p) => (
                  <a href={`/import/${p.id}`} safe>
                    {p.fileName}
                  </a>
                ),
                rowHeader: true,
              },
              {
                header: t("import.status"),
                cell: (p) => (
                  <span safe>
                    {p.status === "failed" ? t("import.failed_title") : t("import.reading_title")}
                  </span>
                ),
              },
              { header: t("import.uploaded"), cell: (p) => <span safe>{p.createdAt.slice(0, 10)}</span> },
            ]}
            rows={props.unread}
            empty=""
          />
        </>
      ) : null}
    </Layout>
  );
}
