import type { FieldError } from "../../../../platform/errors.ts";
import { CheckboxList } from "../../../../web/components/CheckboxList.tsx";
import { DateInput } from "../../../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../../web/components/Field.tsx";
import { Form } from "../../../../web/components/Form.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import type { Consultation } from "../../consultation.model.ts";

/** The form that calls a round's bodies to a consultation meeting: day, time, place, a note, and whether to mail it. */
export function MeetingPage(props: {
  view: View;
  consultation: Consultation;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, consultation: k, values, errors } = props;
  const { t } = view;
  const base = `/remisser/${k.id}`;
  const title = t("round.meeting_page_title", { title: k.title });
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={base} safe>
          {k.title}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      <p safe>{t("round.meeting_explained")}</p>
      <Form view={view} action={`${base}/remissmote`}>
        <DateInput
          view={view}
          name="date"
          legend={t("round.meeting_date")}
          value={values.date}
          errors={errors}
        />
        <Field
          view={view}
          name="time"
          label={t("round.meeting_time")}
          hint={t("round.meeting_time_hint")}
          value={values.time}
          errors={errors}
          width="short"
        />
        <Field
          view={view}
          name="place"
          label={t("round.meeting_place")}
          hint={t("round.meeting_place_hint")}
          value={values.place}
          errors={errors}
        />
        <Field
          view={view}
          name="note"
          label={t("round.meeting_note")}
          value={values.note}
          errors={errors}
          rows={4}
        />
        <CheckboxList
          view={view}
          name="mail"
          legend={t("round.meeting_mail")}
          options={[["yes", t("round.meeting_mail_option")]]}
          checked={values.mail === "yes" ? ["yes"] : []}
          errors={errors}
        />
        <button type="submit" class="button" safe>
          {t("round.meeting_button")}
        </button>
      </Form>
    </Layout>
  );
}
