import { PASSWORD_MIN, ROLES } from "../../auth/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { compareText } from "../../platform/i18n/index.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { Unit } from "../units.model.ts";

export function NewUserPage(props: {
  view: View;
  units: Unit[];
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, units, values, errors } = props;
  const { t } = view;
  const unitOptions: [string, string][] = [
    ["", t("users.no_unit")],
    ...[...units]
      .sort((a, b) => compareText(view.locale)(a.name, b.name))
      .map((u): [string, string] => [u.id, u.name]),
  ];
  return (
    <Layout view={view} title={t("users.new")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("users.new")}</h1>
      <Form view={view} action="/admin/anvandare/ny">
        <Field
          view={view}
          name="username"
          label={t("users.username")}
          hint={t("users.username_hint")}
          value={values.username}
          errors={errors}
          autocomplete="off"
        />
        <Field
          view={view}
          name="displayName"
          label={t("users.display_name")}
          value={values.displayName}
          errors={errors}
        />
        <Field
          view={view}
          name="email"
          label={t("users.email")}
          type="email"
          value={values.email}
          errors={errors}
        />
        <Field
          view={view}
          name="role"
          label={t("users.role")}
          value={values.role}
          errors={errors}
          options={ROLES.map((r): [string, string] => [r, t(`role.${r}`)])}
        />
        <Field
          view={view}
          name="unitId"
          label={t("users.unit")}
          hint={t("users.unit_hint")}
          value={values.unitId}
          errors={errors}
          options={unitOptions}
        />
        <Field
          view={view}
          name="password"
          label={t("users.password")}
          hint={t("users.password_hint", { min: PASSWORD_MIN })}
          type="password"
          errors={errors}
          autocomplete="new-password"
        />
        <button type="submit" class="button" safe>
          {t("users.create")}
        </button>
      </Form>
    </Layout>
  );
}
