import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { Case } from "../cases.model.ts";
import { DIRECTIONS } from "../documents.model.ts";
import type { SecrecyGround } from "../secrecy-grounds.model.ts";
import { DocumentFields } from "./DocumentFields.tsx";
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
        <DocumentFields view={view} values={values} errors={errors} grounds={grounds} />
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
