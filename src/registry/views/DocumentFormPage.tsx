import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { Case } from "../cases.model.ts";
import { DIRECTIONS } from "../documents.model.ts";
import { labelOf, type SecrecyGround } from "../secrecy-grounds.model.ts";
import { Checkbox, FileInput } from "./inputs.tsx";

/** Register a document (R1–R5): the form proposes today's date (R3) and keeps every answer on error. */
export function DocumentFormPage(props: {
  view: View;
  c: Case;
  values: Record<string, string>;
  errors: FieldError[];
  maxMb: number;
  /** The grounds a secrecy marking may cite (the retired ones are not offered). */
  grounds: SecrecyGround[];
}) {
  const { view, c, values, errors, maxMb, grounds } = props;
  const { t } = view;
  const title = t("document.new_title", { number: c.diaryNumber });
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <Form view={view} action={`/arenden/${c.id}/handlingar`} multipart>
        <Field
          view={view}
          name="direction"
          label={t("document.direction")}
          value={values.direction}
          errors={errors}
          options={DIRECTIONS.map((d): [string, string] => [d, t(`document.direction.${d}`)])}
        />
        <Field
          view={view}
          name="date"
          label={t("document.date")}
          hint={t("document.date_hint")}
          value={values.date}
          errors={errors}
          width="short"
        />
        <Checkbox
          view={view}
          name="foundAtFirstOpening"
          label={t("document.found_at_first_opening")}
          checked={values.foundAtFirstOpening === "on"}
        />
        <Field view={view} name="party" label={t("document.party")} value={values.party} errors={errors} />
        <Field
          view={view}
          name="description"
          label={t("document.description")}
          value={values.description}
          errors={errors}
          rows={3}
        />
        <Field
          view={view}
          name="documentType"
          label={t("document.document_type")}
          value={values.documentType}
          errors={errors}
        />
        <Field
          view={view}
          name="dueDate"
          label={t("document.due_date")}
          value={values.dueDate}
          errors={errors}
          width="short"
        />
        <fieldset class="field">
          <legend safe>{t("document.secrecy_heading")}</legend>
          <Field
            view={view}
            name="secrecyProvision"
            label={t("document.secrecy_provision")}
            hint={t("document.secrecy_provision_hint")}
            value={values.secrecyProvision}
            errors={errors}
            suggestions={grounds.filter((g) => g.retiredAt === null).map(labelOf)}
          />
          <Field
            view={view}
            name="secrecyMarkedOn"
            label={t("document.secrecy_marked_on")}
            value={values.secrecyMarkedOn}
            errors={errors}
            width="short"
          />
          <Field
            view={view}
            name="secrecyAuthority"
            label={t("document.secrecy_authority")}
            value={values.secrecyAuthority}
            errors={errors}
          />
          <Field
            view={view}
            name="publicDescription"
            label={t("document.public_description")}
            hint={t("document.public_description_hint")}
            value={values.publicDescription}
            errors={errors}
          />
          <Field
            view={view}
            name="publicParty"
            label={t("document.public_party")}
            value={values.publicParty}
            errors={errors}
          />
        </fieldset>
        <Checkbox
          view={view}
          name="draft"
          label={t("document.draft")}
          checked={values.draft === "on"}
          errors={errors}
        />
        <FileInput
          view={view}
          name="file"
          label={t("document.file")}
          hint={t("document.file_hint", { max: maxMb })}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {t("document.register_button")}
        </button>
      </Form>
    </Layout>
  );
}
