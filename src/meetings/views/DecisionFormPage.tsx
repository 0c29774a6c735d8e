import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { type AgendaItem, BODIES, OUTCOMES } from "../meetings.model.ts";

/** Record the meeting's decision on one agenda item: outcome, a proposal's body, and the wording. */
export function DecisionFormPage(props: {
  view: View;
  item: AgendaItem;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, item, values, errors } = props;
  const { t } = view;
  const title = t("meeting.decide_title", { position: item.position, title: item.title });
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/moten/${item.meetingId}`} safe>
          {t("meeting.agenda_title")}
        </a>
      </nav>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <p safe>{`${t("meeting.diary_number")}: ${item.diaryNumber}`}</p>
      <Form view={view} action={`/moten/punkter/${item.id}/beslut`}>
        <Field
          view={view}
          name="outcome"
          label={t("meeting.outcome")}
          value={values.outcome}
          errors={errors}
          options={[["", ""], ...OUTCOMES.map((o): [string, string] => [o, t(`meeting.outcome.${o}`)])]}
        />
        <Field
          view={view}
          name="proposesTo"
          label={t("meeting.proposes_to")}
          hint={t("meeting.proposes_to_hint")}
          value={values.proposesTo}
          errors={errors}
          options={[["", ""], ...BODIES.map((b): [string, string] => [b, t(`meeting.body.${b}`)])]}
        />
        <Field
          view={view}
          name="text"
          label={t("meeting.text")}
          rows={5}
          value={values.text}
          errors={errors}
        />
        <button type="submit" safe>
          {t("meeting.record_decision")}
        </button>
      </Form>
    </Layout>
  );
}
