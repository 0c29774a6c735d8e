import type { FieldError } from "../../platform/errors.ts";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { DECIDING_BODIES, DECISION_OUTCOMES, type EngagementDetails } from "../engagements.model.ts";
import { bodyName } from "./AssessmentPanel.tsx";

/** Record what a decision body decided; the body is preset to the one the routing names. */
export function DecisionFormPage(props: {
  view: View;
  engagement: EngagementDetails;
  unitName: string;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, engagement: e, values, errors } = props;
  const { t } = view;
  const title = t("engagement.decision_title", { title: e.title });
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/engagemang/${e.id}`} safe>
          {e.title}
        </a>
      </nav>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <Form view={view} action={`/engagemang/${e.id}/beslut`}>
        <Field
          view={view}
          name="body"
          label={t("engagement.decision_body")}
          hint={t("engagement.decision_body_hint")}
          value={values.body ?? e.decidingBody}
          errors={errors}
          options={DECIDING_BODIES.map((b): [string, string] => [b, bodyName(view, b, props.unitName)])}
        />
        <DateInput
          view={view}
          name="decidedOn"
          legend={t("engagement.decided_on")}
          hint={t("engagement.date_hint")}
          value={values.decidedOn}
          errors={errors}
        />
        <Field
          view={view}
          name="minutesParagraph"
          label={t("engagement.minutes_paragraph")}
          hint={t("engagement.minutes_hint")}
          value={values.minutesParagraph}
          errors={errors}
          width="short"
        />
        <Field
          view={view}
          name="outcome"
          label={t("engagement.outcome")}
          value={values.outcome}
          errors={errors}
          options={[
            ["", t("engagement.choose")],
            ...DECISION_OUTCOMES.map((o): [string, string] => [o, t(`engagement.outcome.${o}`)]),
          ]}
        />
        <Field
          view={view}
          name="conditions"
          label={t("engagement.conditions")}
          value={values.conditions}
          errors={errors}
          rows={3}
        />
        <button type="submit" class="button" safe>
          {t("engagement.record_decision")}
        </button>
      </Form>
    </Layout>
  );
}
