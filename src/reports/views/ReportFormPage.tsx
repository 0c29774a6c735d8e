import type { FieldError } from "../../platform/errors.ts";
import type { Case, RegistryDocument } from "../../registry/index.ts";
import { CheckboxList } from "../../web/components/CheckboxList.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Fieldset } from "../../web/components/Fieldset.tsx";
import { Form } from "../../web/components/Form.tsx";
import { errorFor } from "../../web/components/messages.ts";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { ReportContent } from "../reports.model.ts";

/**
 * Writing a report, or changing a draft: the city's sections in order. Proposal rows are added and
 * removed with buttons that post the form back (no JavaScript needed); every answer is kept.
 */
export function ReportFormPage(props: {
  view: View;
  c: Case;
  action: string;
  /** The heading of the office's views, with the case's unit's name. */
  viewsLabel: string;
  documents: RegistryDocument[];
  signatories: { id: string; name: string }[];
  /** The case's sent consultation rounds, as [id, title]: their positions can be taken in. */
  rounds: [string, string][];
  /** The answers, with the proposal rows as typed (blank ones too). */
  values: ReportContent;
  errors: FieldError[];
  editing: boolean;
}) {
  const { view, c, values, errors } = props;
  const { t } = view;
  const title = t(props.editing ? "report.edit_title" : "report.new_title", { number: c.diaryNumber });
  const proposals = values.proposals.length > 0 ? values.proposals : [""];
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/arenden/${c.id}/tjansteutlatanden`} safe>
          {t("report.link")}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      <Form view={view} action={props.action}>
        {/* Enter in a one-line field presses the form's first button: let that be Save, not a row button. */}
        <button type="submit" class="visually-hidden" tabindex="-1" safe>
          {t("report.save")}
        </button>
        <Field
          view={view}
          name="title"
          label={t("report.field.title")}
          value={values.title}
          errors={errors}
        />
        <Field
          view={view}
          name="addressedTo"
          label={t("report.field.addressed_to")}
          hint={t("report.field.addressed_to_hint")}
          value={values.addressedTo}
          errors={errors}
        />
        <Fieldset
          view={view}
          name="proposals"
          legend={t("report.proposals")}
          error={errorFor(errors, "proposals")}
        >
          {proposals.map((p, i) => (
            <div class="proposal-row">
              <Field
                view={view}
                name="proposals"
                id={i === 0 ? "proposals" : `proposals-${i + 1}`}
                label={t("report.field.proposal", { n: i + 1 })}
                value={p}
                rows={3}
              />
              {proposals.length > 1 ? (
                <button type="submit" name="rows" value={`remove-${i}`} class="button secondary" safe>
                  {t("report.remove_proposal", { n: i + 1 })}
                </button>
              ) : null}
            </div>
          ))}
          <button type="submit" name="rows" value="add" class="button secondary" safe>
            {t("report.add_proposal")}
          </button>
        </Fieldset>
        <Field
          view={view}
          name="summary"
          label={t("report.section_summary")}
          value={values.summary}
          errors={errors}
          rows={6}
        />
        <Field
          view={view}
          name="background"
          label={t("report.background")}
          value={values.background}
          rows={6}
        />
        <Field
          view={view}
          name="preparation"
          label={t("report.preparation")}
          value={values.preparation}
          rows={4}
        />
        {props.rounds.length > 0 ? (
          <Field
            view={view}
            name="consultationId"
            label={t("report.field.consultation")}
            hint={t("report.field.consultation_hint")}
            value={values.consultationId ?? ""}
            errors={errors}
            options={[["", t("report.field.no_consultation")], ...props.rounds]}
          />
        ) : null}
        <Field view={view} name="views" label={props.viewsLabel} value={values.views} rows={8} />
        {props.documents.length > 0 ? (
          <CheckboxList
            view={view}
            name="attachmentIds"
            legend={t("report.attachments")}
            hint={t("report.field.attachments_hint")}
            options={props.documents.map((d): [string, string] => [d.id, `${d.date} ${d.description}`])}
            checked={values.attachmentIds}
            errors={errors}
          />
        ) : (
          <p class="hint" safe>
            {t("report.no_attachments")}
          </p>
        )}
        <CheckboxList
          view={view}
          name="signatoryIds"
          legend={t("report.field.signatories")}
          hint={t("report.field.signatories_hint")}
          options={props.signatories.map((s): [string, string] => [s.id, s.name])}
          checked={values.signatoryIds}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {t("report.save")}
        </button>
      </Form>
    </Layout>
  );
}
