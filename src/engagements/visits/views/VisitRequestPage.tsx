import type { ActorView } from "../../../auth/index.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { CheckboxList } from "../../../web/components/CheckboxList.tsx";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import { Form } from "../../../web/components/Form.tsx";
import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import { countryName } from "../../countries.ts";
import {
  assessmentSupports,
  CHECKLIST,
  VISIT_OUTCOMES,
  type VisitRequest,
  visitSubject,
} from "../visits.model.ts";

export interface FailedForm {
  form: "assess" | "decide";
  values: Record<string, string | string[] | undefined>;
  errors: FieldError[];
}
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Who handles the request, in words. */
export const coordinatorName = (view: ActorView, v: VisitRequest, unitNames: Map<string, string>) =>
  v.routing.coordinator === "KS"
    ? view.t("visit.coordinated_by_ks")
    : (unitNames.get(v.routing.unitId ?? "") ?? v.routing.unitId ?? "");

/** A visit request: its facts, the assessment against the strategy's checklist, and the outcome with its letter. */
export function VisitRequestPage(props: {
  view: ActorView;
  visit: VisitRequest;
  unitNames: Map<string, string>;
  /** P5: whether an invitation letter may be written, and why not. */
  invitation: { allowed: boolean; reasons: string[] };
  failed: FailedForm | null;
}) {
  const { view, visit: v, unitNames, invitation, failed } = props;
  const { t } = view;
  const errors = failed?.errors ?? [];
  const title = t("visit.title", { organisation: v.organisation });
  const assessValues: FailedForm["values"] =
    failed?.form === "assess"
      ? failed.values
      : {
          checklist: v.checklist ? CHECKLIST.filter((c) => v.checklist?.[c]) : [],
          prioritised: v.prioritised ? "on" : undefined,
          assessmentNote: v.assessmentNote ?? "",
        };
  const decideValues = failed?.form === "decide" ? failed.values : {};
  const facts: [string, string][] = [
    [t("visit.field.organisation"), v.organisation],
    [t("visit.field.country"), `${countryName(v.country, view.locale)} (${v.country})`],
    [t("visit.field.contactName"), `${v.contactName} <${v.contactEmail}>`],
    [t("visit.dates"), `${v.visitFrom} – ${v.visitTo}`],
    [t("visit.field.participants"), String(v.participants)],
    [t("visit.field.politicalLevel"), t(`visit.level.${v.politicalLevel}`)],
    [t("visit.field.unitIds"), v.unitIds.map((id) => unitNames.get(id) ?? id).join(", ") || "–"],
    [t("visit.coordinator"), coordinatorName(view, v, unitNames)],
    [t("visit.status"), t(`visit.status.${v.status}`)],
    [t("visit.received_via"), t(`visit.via.${v.receivedVia}`)],
  ];
  const canHandle = view.can("visit_request.handle", visitSubject(v));
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <p safe>{t(`engagement.routing.${v.routing.rule}`)}</p>
      <Table<[string, string]>
        caption={t("visit.facts_caption")}
        columns={[
          { header: t("visit.fact"), cell: ([k]) => <span safe>{k}</span>, rowHeader: true },
          { header: t("visit.value"), cell: ([, val]) => <span safe>{val}</span> },
        ]}
        rows={facts}
        empty=""
      />
      <h2 safe>{t("visit.field.purpose")}</h2>
      <p class="prewrap" safe>
        {v.purpose}
      </p>
      <h2 safe>{t("visit.assessment_title")}</h2>
      {v.checklist ? (
        <p safe>
          {t(assessmentSupports(v.checklist) ? "visit.assessment_supports" : "visit.assessment_not_supports")}
        </p>
      ) : (
        <p safe>{t("visit.not_assessed")}</p>
      )}
      {canHandle && v.status !== "decided" ? (
        <Form view={view} action={`/engagemang/besok/${v.id}/bedomning`}>
          <CheckboxList
            view={view}
            name="checklist"
            legend={t("visit.checklist_legend")}
            hint={t("visit.checklist_hint")}
            options={CHECKLIST.map((c): [string, string] => [c, t(`visit.check.${c}`)])}
            checked={many(assessValues.checklist)}
            errors={failed?.form === "assess" ? errors : []}
          />
          <CheckboxList
            view={view}
            name="prioritised"
            legend={t("visit.prioritised_legend")}
            options={[["on", t("visit.prioritised")]]}
            checked={many(assessValues.prioritised)}
            errors={failed?.form === "assess" ? errors : []}
          />
          <Field
            view={view}
            name="assessmentNote"
            label={t("visit.assessment_note")}
            rows={4}
            value={one(assessValues.assessmentNote)}
            errors={failed?.form === "assess" ? errors : []}
          />
          <button type="submit" class="button" safe>
            {t("visit.assess_button")}
          </button>
        </Form>
      ) : null}
      <h2 safe>{t("visit.outcome_title")}</h2>
      {v.status === "decided" ? (
        <p>
          <span safe>{t(`visit.outcome.${v.outcome ?? "accept"}`)}</span>
          {v.referredTo ? <span safe>{` (${v.referredTo})`}</span> : null}
          {". "}
          <a href={`/handlingar/${v.letterDocumentId ?? ""}`} safe>
            {t(`visit.letter.${v.letterKind ?? "acceptance"}`)}
          </a>
          {v.engagementId ? (
            <>
              {" · "}
              <a href={`/engagemang/${v.engagementId}`} safe>
                {t("visit.engagement_link")}
              </a>
            </>
          ) : null}
        </p>
      ) : v.status === "received" ? (
        <p safe>{t("visit.assess_first")}</p>
      ) : canHandle ? (
        <>
          <p safe>
            {invitation.allowed
              ? t("visit.invitation_allowed")
              : `${t("visit.invitation_not_allowed")} ${invitation.reasons.join(" ")}`}
          </p>
          <Form view={view} action={`/engagemang/besok/${v.id}/beslut`}>
            <Field
              view={view}
              name="outcome"
              label={t("visit.outcome_label")}
              value={one(decideValues.outcome)}
              errors={failed?.form === "decide" ? errors : []}
              options={[
                ["", ""],
                ...VISIT_OUTCOMES.map((o): [string, string] => [o, t(`visit.outcome.${o}`)]),
              ]}
            />
            <CheckboxList
              view={view}
              name="invitationLetter"
              legend={t("visit.letter_legend")}
              hint={t("visit.invitation_hint")}
              options={[["on", t("visit.letter.invitation")]]}
              checked={many(decideValues.invitationLetter)}
              errors={failed?.form === "decide" ? errors : []}
            />
            <Field
              view={view}
              name="referredTo"
              label={t("visit.referred_to")}
              hint={t("visit.referred_to_hint")}
              value={one(decideValues.referredTo)}
              errors={failed?.form === "decide" ? errors : []}
            />
            <Field
              view={view}
              name="outcomeNote"
              label={t("visit.outcome_note")}
              rows={4}
              value={one(decideValues.outcomeNote)}
              errors={failed?.form === "decide" ? errors : []}
            />
            <Field
              view={view}
              name="caseDiaryNumber"
              label={t("followup.diary_number")}
              hint={t("followup.diary_number_hint")}
              value={one(decideValues.caseDiaryNumber)}
              errors={failed?.form === "decide" ? errors : []}
            />
            <button type="submit" class="button" safe>
              {t("visit.decide_button")}
            </button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
