import { type OidcRoleMapping, ROLES } from "../../auth/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { compareText } from "../../platform/i18n/index.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { ActionButton, Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { Unit } from "../units.model.ts";

/** The admins' mapping of the provider's group and app-role values to a role and unit. */
export function OidcMappingsPage(props: {
  view: View;
  mappings: OidcRoleMapping[];
  units: Unit[];
  configured: boolean;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, mappings, units, configured, values, errors } = props;
  const { t } = view;
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const unitLabel = (m: OidcRoleMapping): string =>
    m.unit_id ? (unitName.get(m.unit_id) ?? m.unit_id) : "–";
  const unitOptions: [string, string][] = [
    ["", t("users.no_unit")],
    ...[...units]
      .sort((a, b) => compareText(view.locale)(a.name, b.name))
      .map((u): [string, string] => [u.id, u.name]),
  ];
  return (
    <Layout view={view} title={t("oidc.mappings.title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("oidc.mappings.title")}</h1>
      <p safe>{t("oidc.mappings.intro")}</p>
      {!configured && <p safe>{t("oidc.mappings.not_configured")}</p>}
      <Table
        caption={t("oidc.mappings.caption")}
        empty={t("oidc.mappings.none")}
        rows={mappings}
        columns={[
          {
            header: t("oidc.mappings.claim_value"),
            cell: (m) => <span safe>{m.claim_value}</span>,
            rowHeader: true,
          },
          { header: t("oidc.mappings.role"), cell: (m) => <span safe>{t(`role.${m.role}`)}</span> },
          {
            header: t("oidc.mappings.unit"),
            cell: (m) => <span safe>{unitLabel(m)}</span>,
          },
          {
            header: t("oidc.mappings.actions"),
            cell: (m) => (
              <ActionButton
                view={view}
                action={`/admin/inloggning/${m.id}/ta-bort`}
                label={t("oidc.mappings.remove", { value: m.claim_value })}
                secondary
              />
            ),
          },
        ]}
      />
      <h2 safe>{t("oidc.mappings.new")}</h2>
      <Form view={view} action="/admin/inloggning/ny">
        <Field
          view={view}
          name="claimValue"
          label={t("oidc.mappings.claim_value")}
          hint={t("oidc.mappings.claim_value_hint")}
          value={values.claimValue}
          errors={errors}
          autocomplete="off"
        />
        <Field
          view={view}
          name="role"
          label={t("oidc.mappings.role")}
          value={values.role}
          errors={errors}
          options={ROLES.map((r): [string, string] => [r, t(`role.${r}`)])}
        />
        <Field
          view={view}
          name="unitId"
          label={t("oidc.mappings.unit")}
          hint={t("users.unit_hint")}
          value={values.unitId}
          errors={errors}
          options={unitOptions}
        />
        <button type="submit" class="button" safe>
          {t("oidc.mappings.add")}
        </button>
      </Form>
    </Layout>
  );
}
