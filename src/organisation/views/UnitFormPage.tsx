import type { FieldError } from "../../platform/errors.ts";
import { compareText } from "../../platform/i18n/index.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { UNIT_TYPES, type Unit } from "../units.model.ts";

/** Create a unit (unit = null) or change one; shows every error at once and keeps every answer. */
export function UnitFormPage(props: {
  view: View;
  unit: Unit | null;
  units: Unit[];
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, unit, units, values, errors } = props;
  const { t } = view;
  const title = unit ? t("unit.edit_title", { name: unit.name }) : t("unit.new");
  const parents: [string, string][] = [
    ["", t("unit.no_parent")],
    ...units
      .filter((u) => u.id !== unit?.id)
      .sort((a, b) => compareText(view.locale)(a.name, b.name))
      .map((u): [string, string] => [u.id, u.name]),
  ];
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <Form
        view={view}
        action={unit ? `/organisation/${encodeURIComponent(unit.id)}/andra` : "/organisation/ny"}
      >
        <Field view={view} name="name" label={t("unit.name")} value={values.name} errors={errors} />
        <Field
          view={view}
          name="shortName"
          label={t("unit.short_name")}
          hint={t("unit.short_name_hint")}
          value={values.shortName}
          errors={errors}
          width="short"
        />
        <Field
          view={view}
          name="type"
          label={t("unit.type")}
          value={values.type}
          errors={errors}
          options={[
            ["", t("unit.choose_type")],
            ...UNIT_TYPES.map((ty): [string, string] => [ty, t(`unit.types.${ty}`)]),
          ]}
        />
        <Field
          view={view}
          name="parentId"
          label={t("unit.parent")}
          value={values.parentId}
          errors={errors}
          options={parents}
        />
        <Field
          view={view}
          name="email"
          label={t("unit.email")}
          type="email"
          value={values.email}
          errors={errors}
        />
        <Field
          view={view}
          name="functionalMailbox"
          label={t("unit.functional_mailbox")}
          hint={t("unit.functional_mailbox_hint")}
          type="email"
          value={values.functionalMailbox}
          errors={errors}
        />
        <Field
          view={view}
          name="phone"
          label={t("unit.phone")}
          type="tel"
          value={values.phone}
          errors={errors}
        />
        <Field view={view} name="address" label={t("unit.address")} value={values.address} errors={errors} />
        <Field
          view={view}
          name="visitingAddress"
          label={t("unit.visiting_address")}
          value={values.visitingAddress}
          errors={errors}
        />
        <Field
          view={view}
          name="web"
          label={t("unit.web")}
          hint={t("unit.web_hint")}
          value={values.web}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {t("unit.save")}
        </button>
      </Form>
    </Layout>
  );
}
