import type { ActorView } from "../../auth/index.ts";
import type { Unit } from "../../organisation/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { CheckboxList } from "../../web/components/CheckboxList.tsx";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { Case } from "../cases.model.ts";
import type { ClassRow } from "../classification.store.ts";
import type { Registry } from "../registries.model.ts";
import { CaseFacts } from "./CaseFacts.tsx";

export interface CaseFormData {
  registries: Registry[];
  classes: ClassRow[];
  units: Unit[];
  officers: { id: string; name: string }[];
}

/** Open a case (existing = null) or change one; every error at once, every answer kept. */
export function CaseFormPage(props: {
  view: ActorView;
  existing: Case | null;
  data: CaseFormData;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, existing, data, values, errors } = props;
  const { t } = view;
  const title = existing ? t("case.edit_title", { number: existing.diaryNumber }) : t("case.new");
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <Form view={view} action={existing ? `/arenden/${existing.id}/andra` : "/arenden/nytt"}>
        {existing ? null : (
          <>
            <Field
              view={view}
              name="registryId"
              label={t("case.registry")}
              value={values.registryId}
              errors={errors}
              options={data.registries.map((r): [string, string] => [r.id, `${r.prefix} – ${r.name}`])}
            />
            <Field
              view={view}
              name="diaryNumber"
              label={t("case.diary_number")}
              hint={t("case.diary_number_hint")}
              value={values.diaryNumber}
              errors={errors}
            />
          </>
        )}
        <CaseFacts view={view} data={data} values={values} errors={errors} keepClassId={existing?.classId} />
        {existing ? null : (
          <>
            <DateInput
              view={view}
              name="openedOn"
              legend={t("case.opened_on")}
              hint={t("case.opened_on_hint")}
              value={values.openedOn}
              errors={errors}
            />
            {view.can("case.backdate") ? (
              <Field
                view={view}
                name="backdateReason"
                label={t("case.backdate_reason")}
                hint={t("case.backdate_reason_hint")}
                value={values.backdateReason}
                errors={errors}
                rows={2}
              />
            ) : null}
            {/* The confirmation step of an imported number that jumps over numbers of its series. */}
            {errors.some((e) => e.field === "confirmSkip") ? (
              <CheckboxList
                view={view}
                name="confirmSkip"
                legend={t("case.confirm_skip_legend")}
                options={[["true", t("case.confirm_skip")]]}
                checked={[]}
                errors={errors}
              />
            ) : null}
          </>
        )}
        {existing ? null : (
          <Field
            view={view}
            name="parties"
            label={t("case.parties_field")}
            hint={t("case.party_hint")}
            value={values.parties}
            errors={errors}
            rows={4}
          />
        )}
        <button type="submit" class="button" safe>
          {existing ? t("case.save") : t("case.open_button")}
        </button>
      </Form>
    </Layout>
  );
}
