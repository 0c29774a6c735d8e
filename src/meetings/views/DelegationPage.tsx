import type { FieldError } from "../../platform/errors.ts";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { BODIES, type Decision } from "../meetings.model.ts";
import { DecisionsTable } from "./DecisionsTable.tsx";

/** The period and body a list of delegation decisions is for, as its filter form sends them. */
export interface DelegationFilter {
  body: string;
  unitId: string;
  from: string;
  to: string;
}

/**
 * Delegation decisions (domain.md §6a): the list of a body's decisions by delegation in a period,
 * to report to the body, and — for the registry — the form to record one.
 */
export function DelegationPage(props: {
  view: View;
  filter: DelegationFilter;
  decisions: Decision[] | null;
  units: ReadonlyMap<string, string>;
  canManage: boolean;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, filter, units, values, errors } = props;
  const { t } = view;
  const bodyOptions: [string, string][] = BODIES.map((b) => [b, t(`meeting.body.${b}`)]);
  const unitOptions: [string, string][] = [["", ""], ...units];
  return (
    <Layout view={view} title={t("meeting.delegation_title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/moten" safe>
          {t("meeting.list_title")}
        </a>
      </nav>
      <h1 safe>{t("meeting.delegation_title")}</h1>
      <h2 safe>{t("meeting.delegation_list_title")}</h2>
      <form method="get" action="/delegationsbeslut">
        <Field view={view} name="body" label={t("meeting.body")} value={filter.body} options={bodyOptions} />
        <Field
          view={view}
          name="unitId"
          label={t("meeting.unit")}
          value={filter.unitId}
          options={unitOptions}
        />
        <Field
          view={view}
          name="from"
          label={t("meeting.from")}
          hint={t("meeting.date_hint")}
          value={filter.from}
        />
        <Field
          view={view}
          name="to"
          label={t("meeting.to")}
          hint={t("meeting.date_hint")}
          value={filter.to}
        />
        <button type="submit" class="secondary" safe>
          {t("meeting.delegation_show")}
        </button>
      </form>
      {props.decisions === null ? (
        <p safe>{t("meeting.delegation_bad_period")}</p>
      ) : props.decisions.length === 0 ? (
        <p safe>{t("meeting.none_delegated")}</p>
      ) : (
        <DecisionsTable
          view={view}
          decisions={props.decisions}
          units={units}
          caption={t("meeting.delegation_list_title")}
        />
      )}
      {props.canManage ? (
        <>
          <h2 safe>{t("meeting.delegation_record_title")}</h2>
          <Form view={view} action="/delegationsbeslut">
            <Field
              view={view}
              name="body"
              label={t("meeting.body")}
              value={values.body}
              errors={errors}
              options={[["", ""], ...bodyOptions]}
            />
            <Field
              view={view}
              name="unitId"
              label={t("meeting.unit")}
              hint={t("meeting.unit_hint")}
              value={values.unitId}
              errors={errors}
              options={unitOptions}
            />
            <Field
              view={view}
              name="diaryNumber"
              label={t("meeting.diary_number")}
              value={values.diaryNumber}
              errors={errors}
            />
            <DateInput
              view={view}
              name="decidedOn"
              legend={t("meeting.decided_on")}
              value={values.decidedOn}
              errors={errors}
            />
            <Field
              view={view}
              name="outcome"
              label={t("meeting.outcome")}
              value={values.outcome}
              errors={errors}
              options={[
                ["", ""],
                ["approved", t("meeting.outcome.approved")],
                ["rejected", t("meeting.outcome.rejected")],
              ]}
            />
            <Field
              view={view}
              name="text"
              label={t("meeting.text")}
              rows={4}
              value={values.text}
              errors={errors}
            />
            <button type="submit" safe>
              {t("meeting.delegation_record")}
            </button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
