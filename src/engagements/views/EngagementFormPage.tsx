import type { PropsWithChildren } from "@kitajs/html";
import type { FieldError } from "../../platform/errors.ts";
import { isOneOf } from "../../platform/validation.ts";
import { CheckboxList } from "../../web/components/CheckboxList.tsx";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { InlineError } from "../../web/components/InlineError.tsx";
import { errorFor } from "../../web/components/messages.ts";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { periodYears, spreadCost, type YearAmount } from "../costs.ts";
import { COUNTRY_CODES, countryName } from "../countries.ts";
import type { EngagementAssessment } from "../engagement-checks.ts";
import type { RowGroupName, ShownRows } from "../engagement-form.ts";
import {
  COUNTERPART_KINDS,
  DIRECTIONS,
  ENGAGEMENT_TYPES,
  FINANCING_SOURCES,
  ON_BEHALF_OF,
  POLITICAL_LEVELS,
  REVIEWED_TYPES,
  SCOPES,
} from "../engagements.model.ts";
import type { UnitGroup } from "../unit-groups.ts";
import { AssessmentPanel } from "./AssessmentPanel.tsx";
import { UnitPicker } from "./UnitPicker.tsx";

/** The choices the form offers, as [value, label] pairs. */
export interface EngagementFormData {
  units: [string, string][];
  /** The units it can affect, grouped under their committee or board. */
  unitGroups: UnitGroup[];
  officers: [string, string][];
  registries: [string, string][];
  classes: [string, string][];
}

/** `approved`: a change to what the decision rests on then needs a reason (issue 20). */
export type FormMode = { kind: "new" } | { kind: "edit"; id: string; title: string; approved: boolean };

type Values = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));
const rowsOf = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? (v as Record<string, unknown>[]) : [];

/** One yes/no question as a single checkbox with its hint and error. */
function Checkbox(props: {
  view: View;
  name: string;
  label: string;
  hint?: string;
  checked: boolean;
  errors: FieldError[];
}) {
  const { view, name, hint } = props;
  const error = errorFor(props.errors, name);
  const describedBy = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class={error ? "field checkbox field-error" : "field checkbox"}>
      <InlineError view={view} id={name} error={error} />
      <input
        type="checkbox"
        id={name}
        name={name}
        value="true"
        checked={props.checked}
        aria-describedby={describedBy || undefined}
      />
      <label for={name} safe>
        {props.label}
      </label>
      {hint ? (
        <p class="hint" id={`${name}-hint`} safe>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A fieldset of repeated rows (counterparts, financing) whose id the error summary can link to. */
function RowGroup(
  props: PropsWithChildren<{ view: View; name: string; legend: string; hint: string; errors: FieldError[] }>,
) {
  const { view, name } = props;
  const error = errorFor(props.errors, name);
  return (
    <fieldset
      id={name}
      class={error ? "field field-error" : "field"}
      tabindex="-1"
      aria-describedby={[`${name}-hint`, error ? `${name}-error` : ""].filter(Boolean).join(" ")}
    >
      <legend safe>{props.legend}</legend>
      <p class="hint" id={`${name}-hint`} safe>
        {props.hint}
      </p>
      <InlineError view={view} id={name} error={error} />
      {props.children}
    </fieldset>
  );
}

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v);

/**
 * One amount field per year of the period (and any year already given), each beside its hidden
 * year, so the cost can be split by hand without JavaScript. A blank year takes its share of the
 * spread total, shown in its hint.
 */
function YearCosts(props: { view: View; values: Values; errors: FieldError[]; thisYear: number }) {
  const { view, values, errors } = props;
  const { t } = view;
  const given = rowsOf(values.yearCosts).map((y) => ({ year: Number(y.year), amount: y.amount }));
  const start = isDate(values.startDate) ? values.startDate : null;
  const end = isDate(values.endDate) && start && values.endDate >= start ? values.endDate : null;
  const period = start ? periodYears(start, end, props.thisYear).slice(0, 50) : [];
  const years = [...new Set([...period, ...given.map((y) => y.year)])].sort((a, b) => a - b);
  const cost = typeof values.cost === "number" ? values.cost : null;
  const spread: YearAmount[] =
    cost === null || !start
      ? []
      : end
        ? spreadCost(cost, start, end)
        : period.map((year) => ({ year, amount: cost }));
  const number = new Intl.NumberFormat(view.locale);
  return (
    <RowGroup
      view={view}
      name="yearCosts"
      legend={t("engagement.year_costs")}
      hint={t("engagement.year_costs_hint")}
      errors={errors}
    >
      {years.map((year, i) => {
        const k = given.findIndex((y) => y.year === year);
        const share = spread.find((y) => y.year === year);
        return (
          <>
            <input type="hidden" name={`yearCosts.${i}.year`} value={String(year)} />
            <Field
              view={view}
              name={`yearCosts.${i}.amount`}
              id={k >= 0 ? `yearCosts.${k}.amount` : `yearCosts-${year}`}
              label={t("engagement.year_cost_n", { year })}
              value={k >= 0 ? str(given[k]?.amount) : ""}
              hint={
                share ? t("engagement.year_cost_spread", { amount: number.format(share.amount) }) : undefined
              }
              errors={errors}
              width="short"
            />
          </>
        );
      })}
    </RowGroup>
  );
}

/** Register (or change) an engagement; "Kontrollera" shows the principles and the routing without saving. */
export function EngagementFormPage(props: {
  view: View;
  mode: FormMode;
  values: Values;
  errors: FieldError[];
  assessment: EngagementAssessment | null;
  unitName: string | null;
  data: EngagementFormData;
  /** The year an open period's cost runs through in the year fields. */
  thisYear: number;
  /** How many rows of each group to show; without it, those filled in and one blank. */
  rows?: ShownRows;
}) {
  const { view, mode, values, errors, assessment, data } = props;
  const ticked = Array.isArray(values.affectedUnitIds) ? (values.affectedUnitIds as string[]) : [];
  const { t } = view;
  const type = isOneOf(ENGAGEMENT_TYPES, values.type) ? values.type : "visit";
  const title =
    mode.kind === "new"
      ? t("engagement.new_title", { type: t(`engagement.type.${type}`) })
      : t("engagement.edit_title", { title: mode.title });
  const collator = new Intl.Collator(view.locale);
  const countries: [string, string][] = COUNTRY_CODES.map((c): [string, string] => [
    c,
    countryName(c, view.locale),
  ]).sort((a, b) => collator.compare(a[1], b[1]));
  const choose: [string, string] = ["", t("engagement.choose")];
  const counterparts = rowsOf(values.counterparts);
  const financing = rowsOf(values.financing);
  const shown = (group: RowGroupName, filled: number) => props.rows?.[group] ?? filled + 1;
  /** Under each row, its "Ta bort" box; under the group, the count shown and the "Lägg till" button. */
  const removeBox = (group: RowGroupName, i: number, label: string) => (
    <Checkbox view={view} name={`${group}.${i}.remove`} label={label} checked={false} errors={[]} />
  );
  const addButton = (group: RowGroupName, count: number, label: string) => (
    <>
      <input type="hidden" name={`${group}Rows`} value={String(count)} />
      <button type="submit" name="action" value={`add-${group}`} class="button secondary" safe>
        {label}
      </button>
    </>
  );
  const field = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field view={view} name={name} label={label} value={str(values[name])} errors={errors} {...extra} />
  );
  const date = (name: string, legend: string, hint: string) => (
    <DateInput
      view={view}
      name={name}
      legend={legend}
      hint={hint}
      value={str(values[name])}
      errors={errors}
    />
  );
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/engagemang" safe>
          {t("engagement.list_title")}
        </a>
      </nav>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      {assessment ? (
        <AssessmentPanel view={view} assessment={assessment} unitName={props.unitName} showErrors={false} />
      ) : null}
      <Form view={view} action={mode.kind === "new" ? "/engagemang" : `/engagemang/${mode.id}`}>
        {mode.kind === "new"
          ? field("type", t("engagement.type"), {
              options: ENGAGEMENT_TYPES.map((x): [string, string] => [x, t(`engagement.type.${x}`)]),
            })
          : null}
        {field("title", t("engagement.title"))}
        {field("unitId", t("engagement.unit"), { options: [choose, ...data.units] })}
        {field("officerId", t("engagement.officer"), { options: [choose, ...data.officers] })}
        {field("purpose", t("engagement.purpose"), { rows: 4 })}
        <CheckboxList
          view={view}
          name="directions"
          legend={t("engagement.directions")}
          hint={t("engagement.directions_hint")}
          options={DIRECTIONS.map((d): [string, string] => [d, t(`engagement.direction.${d}`)])}
          checked={Array.isArray(values.directions) ? (values.directions as string[]) : []}
          errors={errors}
        />
        {field("scope", t("engagement.scope"), {
          options: SCOPES.map((s): [string, string] => [s, t(`engagement.scope.${s}`)]),
        })}
        <UnitPicker
          view={view}
          groups={data.unitGroups}
          checked={ticked}
          countBefore={
            ticked.length === 0 && Number(values.unitsAffected) > 1 ? Number(values.unitsAffected) : null
          }
          errors={errors}
        />
        {field("politicalLevel", t("engagement.political_level"), {
          options: POLITICAL_LEVELS.map((p): [string, string] => [p, t(`engagement.political_level.${p}`)]),
        })}
        {field("onBehalfOf", t("engagement.on_behalf_of"), {
          options: ON_BEHALF_OF.map((o): [string, string] => [o, t(`engagement.on_behalf_of.${o}`)]),
        })}
        <Checkbox
          view={view}
          name="addsResourceBurden"
          label={t("engagement.adds_resource_burden")}
          checked={values.addsResourceBurden === true}
          errors={errors}
        />
        <Checkbox
          view={view}
          name="touchesStateRelations"
          label={t("engagement.touches_state_relations")}
          checked={values.touchesStateRelations === true}
          errors={errors}
        />
        {type === "visit" || values.prioritised === true ? (
          <Checkbox
            view={view}
            name="prioritised"
            label={t("engagement.prioritised")}
            hint={t("engagement.prioritised_hint")}
            checked={values.prioritised === true}
            errors={errors}
          />
        ) : null}
        {field("mutualBenefit", t("engagement.mutual_benefit"), { rows: 3 })}
        {field("theme", t("engagement.theme"), { hint: t("engagement.theme_hint") })}
        {date("startDate", t("engagement.start_date"), t("engagement.date_hint"))}
        {date("endDate", t("engagement.end_date"), t("engagement.date_hint"))}
        {REVIEWED_TYPES.includes(type) ? (
          <>
            {date("reviewDate", t("engagement.review_date"), t("engagement.review_hint"))}
            {date("lastReviewedOn", t("engagement.last_reviewed_on"), t("engagement.date_hint"))}
          </>
        ) : null}
        {field("cost", t("engagement.cost"), { width: "short" })}
        <YearCosts view={view} values={values} errors={errors} thisYear={props.thisYear} />
        <Checkbox
          view={view}
          name="secret"
          label={t("engagement.secret")}
          hint={t("engagement.secret_hint")}
          checked={values.secret === true}
          errors={errors}
        />
        <RowGroup
          view={view}
          name="counterparts"
          legend={t("engagement.counterparts")}
          hint={t("engagement.counterparts_hint")}
          errors={errors}
        >
          {Array.from({ length: shown("counterparts", counterparts.length) }, (_, i) => {
            const row = counterparts[i] ?? {};
            const name = (f: string) => `counterparts.${i}.${f}`;
            return (
              <fieldset class="field">
                <legend safe>{t("engagement.counterpart_n", { n: i + 1 })}</legend>
                <Field
                  view={view}
                  name={name("kind")}
                  label={t("engagement.counterpart_kind")}
                  value={str(row.kind)}
                  errors={errors}
                  options={[
                    choose,
                    ...COUNTERPART_KINDS.map((k): [string, string] => [
                      k,
                      t(`engagement.counterpart_kind.${k}`),
                    ]),
                  ]}
                />
                <Field
                  view={view}
                  name={name("name")}
                  label={t("engagement.counterpart_name")}
                  value={str(row.name)}
                  errors={errors}
                />
                <Field
                  view={view}
                  name={name("country")}
                  label={t("engagement.counterpart_country")}
                  value={str(row.country)}
                  errors={errors}
                  options={[choose, ...countries]}
                />
                {removeBox("counterparts", i, t("engagement.remove_counterpart", { n: i + 1 }))}
              </fieldset>
            );
          })}
          {addButton(
            "counterparts",
            shown("counterparts", counterparts.length),
            t("engagement.add_counterpart"),
          )}
        </RowGroup>
        <RowGroup
          view={view}
          name="financing"
          legend={t("engagement.financing")}
          hint={t("engagement.financing_hint")}
          errors={errors}
        >
          {Array.from({ length: shown("financing", financing.length) }, (_, i) => {
            const row = financing[i] ?? {};
            const name = (f: string) => `financing.${i}.${f}`;
            return (
              <fieldset class="field">
                <legend safe>{t("engagement.financing_n", { n: i + 1 })}</legend>
                <Field
                  view={view}
                  name={name("source")}
                  label={t("engagement.financing_source")}
                  value={str(row.source)}
                  errors={errors}
                  options={[
                    choose,
                    ...FINANCING_SOURCES.map((s): [string, string] => [s, t(`engagement.source.${s}`)]),
                  ]}
                />
                <Field
                  view={view}
                  name={name("funder")}
                  label={t("engagement.financing_funder")}
                  value={str(row.funder)}
                  errors={errors}
                />
                <Field
                  view={view}
                  name={name("sharePercent")}
                  label={t("engagement.financing_share")}
                  value={str(row.sharePercent)}
                  errors={errors}
                  width="short"
                />
                {removeBox("financing", i, t("engagement.remove_financing", { n: i + 1 }))}
              </fieldset>
            );
          })}
          {addButton("financing", shown("financing", financing.length), t("engagement.add_financing"))}
        </RowGroup>
        {mode.kind === "new" ? (
          <fieldset class="field">
            <legend safe>{t("engagement.case_legend")}</legend>
            {field("caseDiaryNumber", t("engagement.case_existing"), {
              hint: t("engagement.case_existing_hint"),
            })}
            {field("registryId", t("engagement.registry"), { options: [choose, ...data.registries] })}
            {field("classId", t("engagement.class"), { options: [choose, ...data.classes] })}
          </fieldset>
        ) : null}
        {mode.kind === "edit" && mode.approved
          ? field("changeReason", t("engagement.change_reason"), {
              hint: t("engagement.change_reason_hint"),
              rows: 3,
            })
          : null}
        <p class="hint" id="check-hint" safe>
          {t("engagement.check_hint")}
        </p>
        <div>
          <button
            type="submit"
            name="action"
            value="check"
            class="button secondary"
            aria-describedby="check-hint"
            safe
          >
            {t("engagement.check")}
          </button>
          <button type="submit" name="action" value="save" class="button" safe>
            {mode.kind === "new" ? t("engagement.save") : t("engagement.save_changes")}
          </button>
        </div>
      </Form>
    </Layout>
  );
}
