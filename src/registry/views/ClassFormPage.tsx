import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import {
  type ClassVersion,
  type MaintainedClass,
  RETENTION_LABELS,
  RETENTIONS,
  retentionText,
} from "../classification.model.ts";

export const CLASSES_BASE = "/admin/klassificering";

/** Create a class (existing = null) or change one, which makes its next version; every error at once. */
export function ClassFormPage(props: {
  view: View;
  existing: (MaintainedClass & { versions: ClassVersion[] }) | null;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, existing, values, errors } = props;
  const { t } = view;
  const title = existing
    ? t("classification.edit_title", { code: existing.code, title: existing.current.title })
    : t("classification.new_title");
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={CLASSES_BASE} safe>
          {t("classification.list_title")}
        </a>
      </nav>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      {existing ? <p safe>{t("classification.edit_intro", { version: existing.current.version })}</p> : null}
      <Form view={view} action={existing ? `${CLASSES_BASE}/${existing.id}` : `${CLASSES_BASE}/ny`}>
        {existing ? null : (
          <Field
            view={view}
            name="code"
            label={t("classification.code")}
            hint={t("classification.code_hint")}
            value={values.code}
            errors={errors}
            width="short"
          />
        )}
        <Field
          view={view}
          name="title"
          label={t("classification.title")}
          value={values.title}
          errors={errors}
        />
        <Field
          view={view}
          name="description"
          label={t("classification.description")}
          value={values.description}
          errors={errors}
          rows={3}
        />
        <Field
          view={view}
          name="retention"
          label={t("classification.retention")}
          hint={t("classification.retention_hint")}
          value={values.retention}
          errors={errors}
          options={[
            ["", t("classification.no_rule")],
            ...RETENTIONS.map((r): [string, string] => [r, t(RETENTION_LABELS[r])]),
          ]}
        />
        <Field
          view={view}
          name="retentionYears"
          label={t("classification.retention_years")}
          hint={t("classification.retention_years_hint")}
          value={values.retentionYears}
          errors={errors}
          width="short"
        />
        <Field
          view={view}
          name="decisionReference"
          label={t("classification.decision")}
          hint={t("classification.decision_hint")}
          value={values.decisionReference}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {existing ? t("classification.save_version") : t("classification.create")}
        </button>
      </Form>
      {existing ? (
        <>
          <h2 safe>{t("classification.versions")}</h2>
          <Table
            caption={t("classification.versions_caption", { code: existing.code })}
            rows={existing.versions}
            empty=""
            columns={[
              {
                header: t("classification.version"),
                rowHeader: true,
                cell: (v) => <span safe>{String(v.version)}</span>,
              },
              { header: t("classification.title"), cell: (v) => <span safe>{v.title}</span> },
              { header: t("classification.retention"), cell: (v) => <span safe>{retentionText(t, v)}</span> },
              {
                header: t("classification.since"),
                cell: (v) => (
                  <span class="nowrap" safe>
                    {stockholmDate(new Date(v.createdAt))}
                  </span>
                ),
              },
              {
                header: t("classification.until"),
                cell: (v) => (
                  <span class="nowrap" safe>
                    {v.supersededAt ? stockholmDate(new Date(v.supersededAt)) : t("classification.current")}
                  </span>
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Layout>
  );
}
