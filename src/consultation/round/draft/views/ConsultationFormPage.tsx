import type { Unit } from "../../../../organisation/index.ts";
import type { FieldError } from "../../../../platform/errors.ts";
import type { Case, RegistryDocument } from "../../../../registry/index.ts";
import { CheckboxList } from "../../../../web/components/CheckboxList.tsx";
import { DateInput } from "../../../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../../web/components/Field.tsx";
import { Form } from "../../../../web/components/Form.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import { UNIT_GROUP_NAMES } from "../draft.rules.ts";

/** A form's answers: one value, or several for the checkbox lists. */
export type FormValues = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export interface ConsultationFormData {
  documents: RegistryDocument[];
  units: Unit[];
  officers: { id: string; name: string }[];
}

/** Where the form goes: creating a round of the case, or editing a draft. */
export type FormTarget = { kind: "new" } | { kind: "edit"; consultationId: string };

/** Create a consultation of a case, or edit a draft; every answer is kept when the form comes back with errors. */
export function ConsultationFormPage(props: {
  view: View;
  c: Case;
  target: FormTarget;
  data: ConsultationFormData;
  values: FormValues;
  errors: FieldError[];
}) {
  const { view, c, target, data, values, errors } = props;
  const { t } = view;
  const editing = target.kind === "edit";
  const title = t(editing ? "consultation.edit_title" : "consultation.new_title", { number: c.diaryNumber });
  const action = editing ? `/remisser/${target.consultationId}/andra` : `/arenden/${c.id}/remisser`;
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <Form view={view} action={action}>
        <Field
          view={view}
          name="title"
          label={t("consultation.title")}
          value={one(values.title)}
          errors={errors}
        />
        {data.documents.length > 0 ? (
          <CheckboxList
            view={view}
            name="documentIds"
            legend={t("consultation.material")}
            hint={t("consultation.material_hint")}
            options={data.documents.map((d): [string, string] => [d.id, `${d.date} ${d.description}`])}
            checked={many(values.documentIds)}
            errors={errors}
          />
        ) : (
          <p class="hint" safe>
            {t("consultation.no_documents")}
          </p>
        )}
        <CheckboxList
          view={view}
          name="groups"
          legend={t("consultation.groups")}
          hint={t("consultation.groups_hint")}
          options={UNIT_GROUP_NAMES.map((g): [string, string] => [g, t(`consultation.group.${g}`)])}
          checked={many(values.groups)}
          errors={errors}
        />
        <CheckboxList
          view={view}
          name="unitIds"
          legend={t("consultation.units")}
          hint={t("consultation.units_hint")}
          options={data.units.map((u): [string, string] => [u.id, u.name])}
          checked={many(values.unitIds)}
          errors={errors}
        />
        <Field
          view={view}
          name="externalBodies"
          label={t("consultation.external_bodies")}
          hint={t("consultation.external_bodies_hint")}
          value={one(values.externalBodies)}
          errors={errors}
          rows={4}
        />
        <DateInput
          view={view}
          name="deadline"
          legend={t("consultation.deadline")}
          hint={t("consultation.deadline_hint")}
          value={one(values.deadline)}
          errors={errors}
        />
        <Field
          view={view}
          name="instructions"
          label={t("consultation.instructions")}
          value={one(values.instructions)}
          errors={errors}
          rows={6}
        />
        <Field
          view={view}
          name="officerId"
          label={t("consultation.officer")}
          value={one(values.officerId)}
          errors={errors}
          options={[["", ""], ...data.officers.map((o): [string, string] => [o.id, o.name])]}
        />
        <Field
          view={view}
          name="contact"
          label={t("consultation.contact")}
          hint={t("consultation.contact_hint")}
          value={one(values.contact)}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {t(editing ? "consultation.save_button" : "consultation.create_button")}
        </button>
      </Form>
    </Layout>
  );
}
