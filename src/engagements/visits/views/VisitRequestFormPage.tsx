import type { Unit } from "../../../organisation/index.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { publicCaseHref } from "../../../registry/index.ts";
import { CheckboxList } from "../../../web/components/CheckboxList.tsx";
import { DateInput } from "../../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import { Form } from "../../../web/components/Form.tsx";
import { Honeypot } from "../../../web/components/Honeypot.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import { POLITICAL_LEVELS } from "../../engagements.model.ts";
import { referenceOf } from "../visit-registration.ts";

export type FormValues = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * A visit request: the public form for foreign organisations (no login, with the robot trap)
 * or an officer's intake of a request that came by other means. The same fields.
 */
export function VisitRequestFormPage(props: {
  view: View;
  audience: "public" | "officer";
  units: Unit[];
  values: FormValues;
  errors: FieldError[];
}) {
  const { view, audience, units, values, errors } = props;
  const { t } = view;
  const title = t(audience === "public" ? "visit.public_title" : "visit.intake_title");
  const field = (name: string, extra: Record<string, unknown> = {}) => (
    <Field
      view={view}
      name={name}
      label={t(`visit.field.${name}` as "visit.field.organisation")}
      value={one(values[name])}
      errors={errors}
      {...extra}
    />
  );
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <p safe>{t(audience === "public" ? "visit.public_intro" : "visit.intake_intro")}</p>
      <Form view={view} action={audience === "public" ? "/offentlig/besok" : "/engagemang/besok"}>
        {field("organisation", { autocomplete: "organization" })}
        {field("country", { hint: t("visit.country_hint"), width: "short" })}
        {field("contactName", { autocomplete: "name" })}
        {field("contactEmail", { type: "email", autocomplete: "email" })}
        {(["visitFrom", "visitTo"] as const).map((name) => (
          <DateInput
            view={view}
            name={name}
            legend={t(`visit.field.${name}`)}
            hint={t("followup.date_hint")}
            value={one(values[name])}
            errors={errors}
          />
        ))}
        {field("participants", { width: "short" })}
        {field("purpose", { rows: 5, hint: t("visit.purpose_hint") })}
        <Field
          view={view}
          name="politicalLevel"
          label={t("visit.field.politicalLevel")}
          hint={t("visit.political_level_hint")}
          value={one(values.politicalLevel) || "normal"}
          errors={errors}
          options={POLITICAL_LEVELS.map((l): [string, string] => [l, t(`visit.level.${l}`)])}
        />
        <CheckboxList
          view={view}
          name="unitIds"
          legend={t("visit.field.unitIds")}
          hint={t("visit.units_hint")}
          options={units.map((u): [string, string] => [u.id, u.name])}
          checked={many(values.unitIds)}
          errors={errors}
        />
        {audience === "officer"
          ? field("caseDiaryNumber", {
              label: t("followup.diary_number"),
              hint: t("visit.intake_case_hint"),
              width: "short",
            })
          : null}
        {audience === "public" ? <Honeypot view={view} /> : null}
        <button type="submit" class="button" safe>
          {t(audience === "public" ? "visit.public_submit" : "visit.intake_submit")}
        </button>
      </Form>
    </Layout>
  );
}

/** What the sender's receipt shows: the reference and the day, nothing personal (the link may travel). */
export interface Receipt {
  id: string;
  diaryNumber: string | null;
  receivedAt: string;
}

/** The thank-you page: with the request's reference (the case's diary number) at once, or, for a robot, without. */
export function VisitReceiptPage({ view, receipt }: { view: View; receipt: Receipt | null }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("visit.received_title")}>
      <h1 safe>{t("visit.received_title")}</h1>
      <p safe>{t("visit.received_text")}</p>
      {receipt ? (
        <>
          <dl class="summary">
            <dt safe>
              {t(receipt.diaryNumber ? "visit.receipt_reference" : "visit.receipt_reference_unregistered")}
            </dt>
            <dd>
              <strong class="reference" safe>
                {referenceOf(receipt.id, receipt.diaryNumber)}
              </strong>
            </dd>
            <dt safe>{t("visit.receipt_received_on")}</dt>
            <dd safe>{stockholmDate(new Date(receipt.receivedAt))}</dd>
          </dl>
          <p safe>{t("visit.receipt_mail_sent")}</p>
          {receipt.diaryNumber ? (
            <p>
              <a href={publicCaseHref(receipt.diaryNumber)} safe>
                {t("visit.receipt_public_case")}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
    </Layout>
  );
}
