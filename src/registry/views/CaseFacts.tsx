import type { FieldError } from "../../platform/errors.ts";
import { compareText } from "../../platform/i18n/index.ts";
import { Field } from "../../web/components/Field.tsx";
import type { View } from "../../web/view.ts";
import type { CaseFormData } from "./CaseFormPage.tsx";

/**
 * A case's facts on a form: title, public title, class (the current, unretired ones, and the
 * case's own class when it is changed), unit and officer.
 */
export function CaseFacts(props: {
  view: View;
  data: CaseFormData;
  values: Record<string, string>;
  errors: FieldError[];
  keepClassId?: string | undefined;
}) {
  const { view, data, values, errors } = props;
  const { t } = view;
  const byName = compareText(view.locale);
  const classes = data.classes.filter((c) => (c.current && !c.retired) || c.id === props.keepClassId);
  return (
    <>
      <Field view={view} name="title" label={t("case.title")} value={values.title} errors={errors} />
      <Field
        view={view}
        name="publicTitle"
        label={t("case.public_title")}
        hint={t("case.public_title_hint")}
        value={values.publicTitle}
        errors={errors}
      />
      <Field
        view={view}
        name="classId"
        label={t("case.class")}
        value={values.classId}
        errors={errors}
        options={[["", "–"], ...classes.map((c): [string, string] => [c.id, `${c.code} ${c.title}`])]}
      />
      <Field
        view={view}
        name="unitId"
        label={t("case.unit")}
        value={values.unitId}
        errors={errors}
        options={[
          ["", "–"],
          ...[...data.units]
            .sort((a, b) => byName(a.name, b.name))
            .map((u): [string, string] => [u.id, u.name]),
        ]}
      />
      <Field
        view={view}
        name="officerId"
        label={t("case.officer")}
        value={values.officerId}
        errors={errors}
        options={[["", t("case.no_officer")], ...data.officers.map((o): [string, string] => [o.id, o.name])]}
      />
    </>
  );
}
