import type { ActorView } from "../../../auth/index.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { CheckboxList } from "../../../web/components/CheckboxList.tsx";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import { Form } from "../../../web/components/Form.tsx";
import { fieldMessage } from "../../../web/components/messages.ts";
import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import { countryName } from "../../countries.ts";
import type { EngagementDecision } from "../../engagements.model.ts";
import {
  assessmentSupports,
  CHECKLIST,
  VISIT_OUTCOMES,
  type VisitRequest,
  visitSubject,
} from "../visits.model.ts";

/** The page's forms; one that failed is shown again with its answers and errors. */
export interface FailedForm {
  form: "assess" | "decide" | "writeOff" | "move" | "invite";
  values: Record<string, string | string[] | undefined>;
  errors: FieldError[];
}

/**
 * Where the invitation letter stands. Before the answer: whether the assessment meets P5. After
 * it: every reason none may be written yet (the deciding body's decision, P5), the approving
 * decision, and whether this reader may write one now.
 */
export interface InvitationState {
  stage: "before" | "after";
  reasons: FieldError[];
  approval: EngagementDecision | null;
  mayWrite: boolean;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
/** A message as a sentence of a paragraph. */
const sentence = (m: string) => (/[.!?]$/.test(m) ? m : `${m}.`);
/** The move form's case field shares its name with the decision's: its id (and error key) is its own. */
const MOVE_CASE = "move-caseDiaryNumber";

/** Who handles the request, in words. */
export const coordinatorName = (view: ActorView, v: VisitRequest, unitNames: Map<string, string>) =>
  v.routing.coordinator === "KS"
    ? view.t("visit.coordinated_by_ks")
    : (unitNames.get(v.routing.unitId ?? "") ?? v.routing.unitId ?? "");

/**
 * A visit request: its facts and registration, the assessment against the strategy's checklist,
 * the answer with its letter, the invitation letter (after the deciding body's decision, P5), and
 * the coordinator's other steps: handle it in another case, or write it off as junk.
 */
export function VisitRequestPage(props: {
  view: ActorView;
  visit: VisitRequest;
  unitNames: Map<string, string>;
  invitation: InvitationState;
  failed: FailedForm | null;
}) {
  const { view, visit: v, unitNames, invitation, failed } = props;
  const { t } = view;
  const errorsOf = (form: FailedForm["form"]) => (failed?.form === form ? failed.errors : []);
  const moveErrors = errorsOf("move").map((e) =>
    e.field === "caseDiaryNumber" ? { ...e, field: MOVE_CASE } : e,
  );
  const errors = failed?.form === "move" ? moveErrors : (failed?.errors ?? []);
  const valuesOf = (form: FailedForm["form"]) => (failed?.form === form ? failed.values : {});
  const title = t("visit.title", { organisation: v.organisation });
  const assessValues: FailedForm["values"] =
    failed?.form === "assess"
      ? failed.values
      : {
          checklist: v.checklist ? CHECKLIST.filter((c) => v.checklist?.[c]) : [],
          prioritised: v.prioritised ? "on" : undefined,
          assessmentNote: v.assessmentNote ?? "",
        };
  const decideValues = valuesOf("decide");
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
  const open = v.status === "received" || v.status === "assessed";
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
      <dl class="summary">
        <dt safe>{t("visit.case")}</dt>
        <dd>
          {v.caseId && v.diaryNumber ? (
            <a href={`/arenden/${v.caseId}`} safe>
              {v.diaryNumber}
            </a>
          ) : (
            <span safe>{t("visit.not_registered")}</span>
          )}
        </dd>
        {v.documentId ? (
          <>
            <dt safe>{t("visit.request_document")}</dt>
            <dd>
              <a href={`/handlingar/${v.documentId}`} safe>
                {t("visit.title", { organisation: v.organisation })}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
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
      {canHandle && open ? (
        <Form view={view} action={`/engagemang/besok/${v.id}/bedomning`}>
          <CheckboxList
            view={view}
            name="checklist"
            legend={t("visit.checklist_legend")}
            hint={t("visit.checklist_hint")}
            options={CHECKLIST.map((c): [string, string] => [c, t(`visit.check.${c}`)])}
            checked={many(assessValues.checklist)}
            errors={errorsOf("assess")}
          />
          <CheckboxList
            view={view}
            name="prioritised"
            legend={t("visit.prioritised_legend")}
            options={[["on", t("visit.prioritised")]]}
            checked={many(assessValues.prioritised)}
            errors={errorsOf("assess")}
          />
          <Field
            view={view}
            name="assessmentNote"
            label={t("visit.assessment_note")}
            rows={4}
            value={one(assessValues.assessmentNote)}
            errors={errorsOf("assess")}
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
      ) : v.writtenOff ? (
        <p safe>
          {t("visit.written_off", {
            date: stockholmDate(new Date(v.writtenOff.at)),
            reason: v.writtenOff.reason,
          })}
        </p>
      ) : v.status === "received" ? (
        <p safe>{t("visit.assess_first")}</p>
      ) : canHandle ? (
        <Form view={view} action={`/engagemang/besok/${v.id}/beslut`}>
          <Field
            view={view}
            name="outcome"
            label={t("visit.outcome_label")}
            value={one(decideValues.outcome)}
            errors={errorsOf("decide")}
            options={[["", ""], ...VISIT_OUTCOMES.map((o): [string, string] => [o, t(`visit.outcome.${o}`)])]}
          />
          <Field
            view={view}
            name="referredTo"
            label={t("visit.referred_to")}
            hint={t("visit.referred_to_hint")}
            value={one(decideValues.referredTo)}
            errors={errorsOf("decide")}
          />
          <Field
            view={view}
            name="outcomeNote"
            label={t("visit.outcome_note")}
            rows={4}
            value={one(decideValues.outcomeNote)}
            errors={errorsOf("decide")}
          />
          <Field
            view={view}
            name="caseDiaryNumber"
            label={t("followup.diary_number")}
            hint={
              v.diaryNumber
                ? t("visit.decision_case_hint", { number: v.diaryNumber })
                : t("followup.diary_number_hint")
            }
            value={one(decideValues.caseDiaryNumber)}
            errors={errorsOf("decide")}
          />
          <button type="submit" class="button" safe>
            {t("visit.decide_button")}
          </button>
        </Form>
      ) : null}
      {v.writtenOff || (v.status === "decided" && v.outcome !== "accept") ? null : (
        <InvitationSection
          view={view}
          visit={v}
          invitation={invitation}
          canHandle={canHandle}
          failed={failed}
          unitNames={unitNames}
        />
      )}
      {canHandle && open ? (
        <>
          <h2 safe>{t(v.documentId ? "visit.move_title" : "visit.register_title")}</h2>
          <Form view={view} action={`/engagemang/besok/${v.id}/arende`}>
            <Field
              view={view}
              name="caseDiaryNumber"
              id={MOVE_CASE}
              label={t("followup.diary_number")}
              hint={t(v.documentId ? "visit.move_hint" : "visit.register_hint")}
              value={one(valuesOf("move").caseDiaryNumber)}
              errors={moveErrors}
            />
            <button type="submit" class="button secondary" safe>
              {t(v.documentId ? "visit.move_button" : "visit.register_button")}
            </button>
          </Form>
          <h2 safe>{t("visit.write_off_title")}</h2>
          <Form view={view} action={`/engagemang/besok/${v.id}/avskriv`}>
            <Field
              view={view}
              name="reason"
              label={t("visit.write_off_reason")}
              hint={t("visit.write_off_hint")}
              value={one(valuesOf("writeOff").reason)}
              errors={errorsOf("writeOff")}
            />
            <button type="submit" class="button secondary" safe>
              {t("visit.write_off_button")}
            </button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}

/** The invitation letter: the rule, where the visit stands under it, and the form once it may be written. */
function InvitationSection(props: {
  view: ActorView;
  visit: VisitRequest;
  invitation: InvitationState;
  canHandle: boolean;
  failed: FailedForm | null;
  unitNames: Map<string, string>;
}) {
  const { view, visit: v, invitation, canHandle, failed, unitNames } = props;
  const { t } = view;
  const errors = failed?.form === "invite" ? failed.errors : [];
  const values = failed?.form === "invite" ? failed.values : {};
  const approval = invitation.approval;
  return (
    <>
      <h2 safe>{t("visit.invitation_title")}</h2>
      <p safe>{t("visit.invitation_rule")}</p>
      {approval ? (
        <p safe>
          {t("visit.invitation_decision", {
            body:
              approval.body === "UNIT" && approval.unitId
                ? t("engagement.body_of_unit", { unit: unitNames.get(approval.unitId) ?? approval.unitId })
                : t(`engagement.body.${approval.body}`),
            date: approval.decidedOn,
            paragraph: approval.minutesParagraph,
          })}
        </p>
      ) : null}
      {invitation.reasons.length > 0 ? (
        <p safe>
          {[
            t("visit.invitation_not_allowed"),
            ...invitation.reasons.map((r) => sentence(fieldMessage(view, r))),
          ].join(" ")}
        </p>
      ) : invitation.stage === "before" ? (
        <p safe>{t("visit.invitation_p5_holds")}</p>
      ) : null}
      {v.invitationDocumentId ? (
        <p>
          <a href={`/handlingar/${v.invitationDocumentId}`} safe>
            {t("visit.invitation_written")}
          </a>
        </p>
      ) : null}
      {canHandle && invitation.mayWrite ? (
        <Form view={view} action={`/engagemang/besok/${v.id}/inbjudan`}>
          <Field
            view={view}
            name="participantNames"
            label={t("visit.participant_names")}
            hint={t("visit.participant_names_hint")}
            rows={Math.min(12, Math.max(4, v.participants + 1))}
            value={one(values.participantNames)}
            errors={errors}
          />
          <Field
            view={view}
            name="note"
            label={t("visit.invitation_note")}
            rows={3}
            value={one(values.note)}
            errors={errors}
          />
          <button type="submit" class="button" safe>
            {t("visit.invitation_button")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
