import type { ActorView } from "../../auth/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { CheckboxList } from "../../web/components/CheckboxList.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { SecrecyGround } from "../secrecy-grounds.model.ts";
import { CaseFacts } from "./CaseFacts.tsx";
import type { CaseFormData } from "./CaseFormPage.tsx";
import { DocumentFields } from "./DocumentFields.tsx";
import { FileInput } from "./inputs.tsx";

/**
 * Registers incoming post in one step (issue 17): into an existing case by its diary number or
 * into a new case. Both parts of the form are always there (it works without JavaScript); the
 * choice says which one counts.
 */
export function IncomingFormPage(props: {
  view: ActorView;
  data: CaseFormData;
  grounds: SecrecyGround[];
  values: Record<string, string>;
  errors: FieldError[];
  maxMb: number;
}) {
  const { view, data, grounds, values, errors, maxMb } = props;
  const { t } = view;
  const title = t("incoming.title");
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <p safe>{t("incoming.intro")}</p>
      <Form view={view} action="/registrera" multipart>
        <CheckboxList
          view={view}
          name="caseChoice"
          legend={t("incoming.case_choice")}
          options={[
            ["existing", t("incoming.case_existing")],
            ["new", t("incoming.case_new")],
          ]}
          checked={values.caseChoice ? [values.caseChoice] : []}
          errors={errors}
          radio
        />
        <h2 safe>{t("incoming.existing_heading")}</h2>
        <Field
          view={view}
          name="caseNumber"
          label={t("case.diary_number")}
          hint={t("incoming.case_number_hint")}
          value={values.caseNumber}
          errors={errors}
          width="short"
        />
        <h2 safe>{t("incoming.new_heading")}</h2>
        <Field
          view={view}
          name="registryId"
          label={t("case.registry")}
          value={values.registryId}
          errors={errors}
          options={data.registries.map((r): [string, string] => [r.id, `${r.prefix} – ${r.name}`])}
        />
        <CaseFacts view={view} data={data} values={values} errors={errors} />
        <h2 safe>{t("incoming.document_heading")}</h2>
        <DocumentFields
          view={view}
          values={values}
          errors={errors}
          grounds={grounds}
          partyLabel={t("incoming.sender")}
        />
        <FileInput
          view={view}
          name="file"
          label={t("document.file")}
          hint={t("document.file_hint", { max: maxMb })}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {t("incoming.submit")}
        </button>
      </Form>
    </Layout>
  );
}
