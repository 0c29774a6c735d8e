import type { FieldError } from "../../../../platform/errors.ts";
import { DateInput } from "../../../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../../web/components/Field.tsx";
import { ActionButton, Form } from "../../../../web/components/Form.tsx";
import { Table } from "../../../../web/components/Table.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import { type ConsultationDetails, POSITIONS, type Recipient } from "../../consultation.model.ts";
import { recipientActions } from "../../tracking.ts";

export interface ExtensionRow {
  requestedUntil: string;
  reason: string;
  requestedAt: string;
  status: string;
  grantedUntil: string | null;
  decisionComment: string | null;
}

/**
 * The officer's page for one body: its facts and requests, and the steps its state allows. It is
 * written to the officer, about the body (never "you"), and shows the round's deadline beside
 * any extension the body was granted.
 */
export function RecipientPage(props: {
  view: View;
  consultation: ConsultationDetails;
  recipient: Recipient;
  extensions: ExtensionRow[];
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, consultation: k, recipient: r, extensions, values, errors } = props;
  const { t } = view;
  const base = `/remisser/${k.id}/mottagare/${r.id}`;
  const steps = recipientActions(k.status, r.state);
  const pending = extensions.find((x) => x.status === "requested");
  const row = (label: string, value: string | null) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value ?? "–"}</dd>
    </>
  );
  return (
    <Layout view={view} title={r.name} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/remisser/${k.id}`} safe>
          {k.title}
        </a>
      </nav>
      <h1 safe>{r.name}</h1>
      <dl class="summary">
        {row(t("consultation.recipient_state"), t(`consultation.recipient_state.${r.state}`))}
        {row(t("round.round_deadline"), k.deadline)}
        {r.extended ? row(t("round.body_extended_until"), r.deadline) : null}
        {row(t("consultation.email"), r.email)}
        {row(t("round.opened"), r.openedAt?.slice(0, 10) ?? null)}
        {row(t("round.answered"), r.answeredOn)}
        {row(t("round.declined_on"), r.declinedOn)}
        {row(t("round.body_decline_comment"), r.declineComment)}
      </dl>
      {r.answerDocumentId ? (
        <p>
          <a href={`/handlingar/${r.answerDocumentId}`} safe>
            {t("round.open_answer")}
          </a>
        </p>
      ) : null}
      <Table<ExtensionRow>
        caption={t("round.extensions")}
        columns={[
          {
            header: t("round.body_requested_until"),
            cell: (x) => <span safe>{x.requestedUntil}</span>,
            rowHeader: true,
          },
          { header: t("round.reason"), cell: (x) => <span safe>{x.reason}</span> },
          {
            header: t("round.decision"),
            cell: (x) => (
              <span safe>
                {x.status === "granted"
                  ? t("round.granted_until", { until: x.grantedUntil ?? "" })
                  : t(`round.extension_status.${x.status === "refused" ? "refused" : "requested"}`)}
              </span>
            ),
          },
          { header: t("round.comment"), cell: (x) => <span safe>{x.decisionComment ?? "–"}</span> },
        ]}
        rows={extensions}
        empty={t("round.no_extensions")}
      />
      {steps.includes("decide_extension") && pending ? (
        <Form view={view} action={`${base}/anstand`}>
          <h2 safe>{t("round.decide_extension")}</h2>
          <Field
            view={view}
            name="decision"
            label={t("round.decision")}
            value={values.decision ?? "grant"}
            errors={errors}
            options={[
              ["grant", t("round.grant")],
              ["refuse", t("round.refuse")],
            ]}
          />
          <DateInput
            view={view}
            name="until"
            legend={t("round.new_deadline")}
            hint={t("round.new_deadline_hint")}
            value={values.until ?? pending.requestedUntil}
            errors={errors}
          />
          <Field
            view={view}
            name="comment"
            label={t("round.comment")}
            hint={t("round.comment_hint")}
            value={values.comment}
            errors={errors}
            rows={3}
          />
          <button type="submit" class="button" safe>
            {t("round.decide_button")}
          </button>
        </Form>
      ) : null}
      {steps.includes("remind") ? (
        <ActionButton view={view} action={`${base}/paminn`} label={t("round.remind_button")} secondary />
      ) : null}
      {steps.includes("answer") ? (
        <p>
          <a href={`/remissvar/${r.id}`} safe>
            {t("round.register_for_body")}
          </a>
        </p>
      ) : null}
      {steps.includes("assess") ? (
        <Form view={view} action={`${base}/bedomning`}>
          <h2 safe>{t("round.assess")}</h2>
          <Field
            view={view}
            name="position"
            label={t("round.position")}
            value={values.position ?? r.position ?? ""}
            errors={errors}
            options={[["", ""], ...POSITIONS.map((p): [string, string] => [p, t(`round.position.${p}`)])]}
          />
          <Field
            view={view}
            name="summary"
            label={t("round.summary")}
            value={values.summary ?? r.summary}
            errors={errors}
            rows={4}
          />
          <button type="submit" class="button" safe>
            {t("round.assess_button")}
          </button>
        </Form>
      ) : null}
    </Layout>
  );
}
