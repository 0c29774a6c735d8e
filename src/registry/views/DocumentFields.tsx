import type { FieldError } from "../../platform/errors.ts";
import { DateInput } from "../../web/components/DateInput.tsx";
import { Field } from "../../web/components/Field.tsx";
import type { View } from "../../web/view.ts";
import { labelOf, type SecrecyGround } from "../secrecy-grounds.model.ts";
import { Checkbox } from "./inputs.tsx";

/**
 * A document's facts on a registration form: date (R3), sender or recipient, description, type,
 * due date and the secrecy marking with its public description. The form around it adds the
 * direction, the file and the case.
 */
export function DocumentFields(props: {
  view: View;
  values: Record<string, string>;
  errors: FieldError[];
  /** The grounds a secrecy marking may cite (the retired ones are not offered). */
  grounds: SecrecyGround[];
  /** The label of the party field: "Avsändare" on the incoming form. */
  partyLabel?: string;
}) {
  const { view, values, errors, grounds } = props;
  const { t } = view;
  return (
    <>
      <DateInput
        view={view}
        name="date"
        legend={t("document.date")}
        hint={t("document.date_hint")}
        value={values.date}
        errors={errors}
      />
      <Checkbox
        view={view}
        name="foundAtFirstOpening"
        label={t("document.found_at_first_opening")}
        checked={values.foundAtFirstOpening === "on"}
      />
      <Field
        view={view}
        name="party"
        label={props.partyLabel ?? t("document.party")}
        value={values.party}
        errors={errors}
      />
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
      <DateInput
        view={view}
        name="dueDate"
        legend={t("document.due_date")}
        value={values.dueDate}
        errors={errors}
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
        <DateInput
          view={view}
          name="secrecyMarkedOn"
          legend={t("document.secrecy_marked_on")}
          value={values.secrecyMarkedOn}
          errors={errors}
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
    </>
  );
}
