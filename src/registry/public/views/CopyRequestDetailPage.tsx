import type { AuditEvent } from "../../../platform/audit/audit.model.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import { Form } from "../../../web/components/Form.tsx";
import { Table } from "../../../web/components/Table.tsx";
import { eventName } from "../../../web/event-name.ts";
import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import { FileInput } from "../../views/inputs.tsx";
import { DELIVERIES, OUTCOMES } from "../copy-requests.model.ts";
import type { CopyRequestView } from "../copy-requests.service.ts";
import { Duration, requestPath, StateText, stockholmTime } from "./request-parts.tsx";

/** The provisions a refusal or masking may cite: [value, label]. */
export type ProvisionChoice = [string, string];

/** One request: what was asked, the decision form while it waits or the decision made, and its events. */
export function CopyRequestDetailPage(props: {
  view: View;
  request: CopyRequestView;
  history: AuditEvent[];
  provisions: ProvisionChoice[];
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, request: r, history, values, errors } = props;
  const { t } = view;
  const title = t("requests.open", { reference: r.id.slice(0, 8).toUpperCase() });
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <p>
        <a href="/begaranden" safe>
          {t("requests.title")}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <ErrorSummary view={view} errors={errors} />
      <dl class="summary">
        <dt safe>{t("requests.case")}</dt>
        <dd safe>{r.request_number ?? "–"}</dd>
        <dt safe>{t("requests.document")}</dt>
        <dd>
          <a href={`/handlingar/${r.document_id}`} safe>
            {`${r.diary_number}: ${r.description}`}
          </a>
          {r.secrecy_provision ? (
            <p safe>{t("requests.secret_marking", { provision: r.secrecy_provision })}</p>
          ) : null}
        </dd>
        <dt safe>{t("requests.received")}</dt>
        <dd safe>{stockholmTime(r.received_at)}</dd>
        <dt safe>{t("requests.requester")}</dt>
        <dd safe>{r.requester_name ?? t("requests.anonymous")}</dd>
        <dt safe>{t("requests.delivery")}</dt>
        <dd safe>{`${t(`copy.delivery.${r.delivery}`)}: ${r.email ?? r.postal_address ?? ""}`}</dd>
        {r.message ? (
          <>
            <dt safe>{t("copy.message")}</dt>
            <dd safe>{r.message}</dd>
          </>
        ) : null}
        <dt safe>{t("requests.state")}</dt>
        <dd>
          <StateText view={view} request={r} />
        </dd>
        <dt safe>{r.handled_at ? t("requests.handling_time") : t("requests.waiting_time")}</dt>
        <dd>
          <Duration view={view} request={r} />
        </dd>
        {r.handled_at ? (
          <>
            <dt safe>{t("requests.decided")}</dt>
            <dd safe>{`${stockholmTime(r.handled_at)}, ${r.handled_by_name ?? ""}`}</dd>
          </>
        ) : null}
        {r.provision ? (
          <>
            <dt safe>{t("requests.provision")}</dt>
            <dd safe>{r.provision}</dd>
          </>
        ) : null}
        {r.outcome_note ? (
          <>
            <dt safe>{t("requests.note")}</dt>
            <dd safe>{r.outcome_note}</dd>
          </>
        ) : null}
        {r.delivered_by ? (
          <>
            <dt safe>{t("requests.delivered_by")}</dt>
            <dd safe>{t(`requests.delivered_by.${r.delivered_by}`)}</dd>
          </>
        ) : null}
        {r.decision_document_id ? (
          <>
            <dt safe>{t("requests.decision_letter")}</dt>
            <dd>
              <a href={`/handlingar/${r.decision_document_id}`} safe>
                {t("requests.decision_letter")}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {r.status === "new" ? (
        <section aria-labelledby="decide">
          <h2 id="decide" safe>
            {t("requests.decide_title")}
          </h2>
          <Form view={view} action={`${requestPath(r.id)}/beslut`} multipart>
            <Field
              view={view}
              name="outcome"
              label={t("requests.outcome")}
              value={values.outcome}
              errors={errors}
              options={[["", ""], ...OUTCOMES.map((o): [string, string] => [o, t(`requests.outcome.${o}`)])]}
            />
            <Field
              view={view}
              name="deliveredBy"
              label={t("requests.delivered_by")}
              value={values.deliveredBy}
              errors={errors}
              options={[
                ["", ""],
                ...DELIVERIES.map((d): [string, string] => [d, t(`requests.delivered_by.${d}`)]),
              ]}
            />
            <Field
              view={view}
              name="provision"
              label={t("requests.provision")}
              hint={t("requests.provision_hint")}
              value={values.provision ?? r.secrecy_provision ?? ""}
              errors={errors}
              options={[["", ""], ...props.provisions]}
            />
            <Field
              view={view}
              name="note"
              label={t("requests.note")}
              hint={t("requests.note_hint")}
              value={values.note}
              errors={errors}
              rows={3}
            />
            <FileInput
              view={view}
              name="maskedCopy"
              label={t("requests.masked_copy")}
              hint={t("requests.masked_copy_hint")}
              errors={errors}
            />
            <button type="submit" class="button" safe>
              {t("requests.decide")}
            </button>
          </Form>
        </section>
      ) : null}
      <h2 safe>{t("requests.history")}</h2>
      <Table
        caption={t("requests.history_caption")}
        empty="–"
        rows={history}
        columns={[
          {
            header: t("requests.event_time"),
            cell: (e) => <span safe>{stockholmTime(e.occurred_at)}</span>,
            rowHeader: true,
          },
          { header: t("requests.event"), cell: (e) => <span safe>{eventName(t, e.action)}</span> },
          { header: t("requests.event_by"), cell: (e) => <span safe>{e.actor_label}</span> },
        ]}
      />
    </Layout>
  );
}
