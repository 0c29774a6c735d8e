import type { ActorView } from "../../auth/index.ts";
import type { Unit } from "../../organisation/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { Plan } from "../plans.model.ts";

/** The year's plans and follow-up per unit, with the form to save one. */
export function PlansPage(props: {
  view: ActorView;
  year: number;
  plans: Plan[];
  /** Each unit's cost in the year as the engagement register and the annual report count it. */
  registered: Map<string, number>;
  units: Unit[];
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, year, plans, units, values, errors } = props;
  const { t } = view;
  const kr = new Intl.NumberFormat(view.locale);
  const title = t("plan.title", { year });
  const sum = (f: (p: Plan) => number | null) => plans.reduce((s, p) => s + (f(p) ?? 0), 0);
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <p>
        <a href={`/engagemang/planer/${year - 1}`} safe>
          {t("plan.previous_year", { year: year - 1 })}
        </a>
        {" · "}
        <a href={`/engagemang/planer/${year + 1}`} safe>
          {t("plan.next_year", { year: year + 1 })}
        </a>
        {" · "}
        <a href={`/engagemang/arsrapport/${year}`} safe>
          {t("report.title", { year })}
        </a>
      </p>
      <Table<Plan>
        caption={t("plan.table_caption", { year })}
        columns={[
          { header: t("network.unit"), cell: (p) => <span safe>{p.unitName}</span>, rowHeader: true },
          { header: t("plan.planned_work"), cell: (p) => <span safe>{p.plannedWork}</span> },
          { header: t("plan.budget"), cell: (p) => <span safe>{kr.format(p.budget)}</span>, numeric: true },
          {
            header: t("plan.outcome"),
            cell: (p) => <span safe>{p.outcome ?? t("plan.not_followed_up")}</span>,
          },
          {
            header: t("plan.cost"),
            cell: (p) => <span safe>{p.cost === null ? "–" : kr.format(p.cost)}</span>,
            numeric: true,
          },
          {
            header: t("plan.registered_cost"),
            cell: (p) => <span safe>{kr.format(props.registered.get(p.unitId) ?? 0)}</span>,
            numeric: true,
          },
        ]}
        rows={plans}
        empty={t("plan.none")}
      />
      {plans.length > 0 ? (
        <p safe>
          {t("plan.totals", {
            budget: kr.format(sum((p) => p.budget)),
            cost: kr.format(sum((p) => p.cost)),
          })}
        </p>
      ) : null}
      {view.can("engagement_plan.manage") ? (
        <>
          <h2 safe>{t("plan.form_title")}</h2>
          <p class="hint" safe>
            {t("plan.form_hint")}
          </p>
          <Form view={view} action={`/engagemang/planer/${year}`}>
            <Field
              view={view}
              name="unitId"
              label={t("network.unit")}
              value={values.unitId}
              errors={errors}
              options={[["", ""], ...units.map((u): [string, string] => [u.id, u.name])]}
            />
            <Field
              view={view}
              name="plannedWork"
              label={t("plan.planned_work")}
              rows={4}
              value={values.plannedWork}
              errors={errors}
            />
            <Field
              view={view}
              name="budget"
              label={t("plan.budget")}
              hint={t("plan.kronor_hint")}
              width="short"
              value={values.budget}
              errors={errors}
            />
            <Field
              view={view}
              name="outcome"
              label={t("plan.outcome")}
              rows={4}
              value={values.outcome}
              errors={errors}
            />
            <Field
              view={view}
              name="cost"
              label={t("plan.cost")}
              hint={t("plan.kronor_hint")}
              width="short"
              value={values.cost}
              errors={errors}
            />
            <button type="submit" class="button" safe>
              {t("plan.save_button")}
            </button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
