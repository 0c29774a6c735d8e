import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { ActionButton, Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { SecrecyGround } from "../secrecy-grounds.model.ts";

/** Admins keep the list of secrecy grounds: add a provision, retire one, take one back in use. */
export function SecrecyGroundsPage(props: {
  view: View;
  grounds: SecrecyGround[];
  use: Map<string, number>;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, grounds, use, values, errors } = props;
  const { t } = view;
  const base = "/admin/sekretessgrunder";
  return (
    <Layout view={view} title={t("secrecy_ground.list_title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("secrecy_ground.list_title")}</h1>
      <p safe>{t("secrecy_ground.intro")}</p>
      <Table
        caption={t("secrecy_ground.caption")}
        rows={grounds}
        empty={t("secrecy_ground.none")}
        columns={[
          {
            header: t("secrecy_ground.citation"),
            rowHeader: true,
            cell: (g) => <span safe>{g.citation}</span>,
          },
          { header: t("secrecy_ground.name"), cell: (g) => <span safe>{g.name}</span> },
          {
            header: t("secrecy_ground.status"),
            cell: (g) => (
              <span safe>{t(g.retiredAt ? "secrecy_ground.retired" : "secrecy_ground.in_use")}</span>
            ),
          },
          {
            header: t("secrecy_ground.documents"),
            numeric: true,
            cell: (g) => <span safe>{String(use.get(g.id) ?? 0)}</span>,
          },
          {
            header: t("secrecy_ground.action"),
            cell: (g) =>
              g.retiredAt ? (
                <ActionButton
                  view={view}
                  action={`${base}/${g.id}/ta-i-bruk`}
                  label={t("secrecy_ground.reinstate_label", { citation: g.citation })}
                  secondary
                />
              ) : (
                <ActionButton
                  view={view}
                  action={`${base}/${g.id}/avveckla`}
                  label={t("secrecy_ground.retire_label", { citation: g.citation })}
                  secondary
                />
              ),
          },
        ]}
      />
      <h2 safe>{t("secrecy_ground.add_heading")}</h2>
      <Form view={view} action={base}>
        <Field
          view={view}
          name="chapter"
          label={t("secrecy_ground.chapter")}
          value={values.chapter}
          errors={errors}
          width="short"
        />
        <Field
          view={view}
          name="section"
          label={t("secrecy_ground.section")}
          hint={t("secrecy_ground.section_hint")}
          value={values.section}
          errors={errors}
          width="short"
        />
        <Field
          view={view}
          name="paragraph"
          label={t("secrecy_ground.paragraph")}
          hint={t("secrecy_ground.paragraph_hint")}
          value={values.paragraph}
          errors={errors}
        />
        <Field
          view={view}
          name="name"
          label={t("secrecy_ground.name")}
          hint={t("secrecy_ground.name_hint")}
          value={values.name}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {t("secrecy_ground.add")}
        </button>
      </Form>
    </Layout>
  );
}
