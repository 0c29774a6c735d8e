import type { FieldError } from "../../../platform/errors.ts";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import { Form } from "../../../web/components/Form.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import { OUTCOMES, type pendingCopyRequests } from "../copy-requests.service.ts";

type Pending = Awaited<ReturnType<typeof pendingCopyRequests>>[number];

/** The registry's inbox of requests for official documents, each with a form to record the outcome. */
export function CopyRequestsPage(props: {
  view: View;
  requests: Pending[];
  /** The request whose form came back with errors, and its answers. */
  failed: { id: string; values: Record<string, string>; errors: FieldError[] } | null;
}) {
  const { view, requests, failed } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("requests.title")} hasErrors={failed !== null}>
      <h1 safe>{t("requests.title")}</h1>
      {failed ? (
        <ErrorSummary
          view={view}
          errors={failed.errors.map((e) => ({ ...e, field: `${e.field}-${failed.id}` }))}
        />
      ) : null}
      {requests.length === 0 ? <p safe>{t("requests.none")}</p> : null}
      {requests.map((r) => {
        const mine = failed?.id === r.id ? failed : null;
        const errors = (mine?.errors ?? []).map((e) => ({ ...e, field: `${e.field}-${r.id}` }));
        return (
          <section class="request" aria-labelledby={`request-${r.id}`}>
            <h2 id={`request-${r.id}`}>
              <a href={`/handlingar/${r.document_id}`} safe>
                {`${r.diary_number}: ${r.description}`}
              </a>
            </h2>
            <dl class="summary">
              <dt safe>{t("requests.received")}</dt>
              <dd safe>{r.received_at.slice(0, 16).replace("T", " ")}</dd>
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
            </dl>
            <Form view={view} action={`/begaranden/${r.id}/hantera`}>
              <Field
                view={view}
                id={`outcome-${r.id}`}
                name="outcome"
                label={t("requests.outcome")}
                value={mine?.values.outcome}
                errors={errors}
                options={[
                  ["", ""],
                  ...OUTCOMES.map((o): [string, string] => [o, t(`requests.outcome.${o}`)]),
                ]}
              />
              <Field
                view={view}
                id={`note-${r.id}`}
                name="note"
                label={t("requests.note")}
                hint={t("requests.note_hint")}
                value={mine?.values.note}
                errors={errors}
                rows={3}
              />
              <button type="submit" class="button" safe>
                {t("requests.handle")}
              </button>
            </Form>
          </section>
        );
      })}
    </Layout>
  );
}
