import type { FieldError } from "../../../platform/errors.ts";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import { Form } from "../../../web/components/Form.tsx";
import { Honeypot } from "../../../web/components/Honeypot.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { View } from "../../../web/view.ts";
import { appealable, appealNotice, type DecisionText, decisionParagraphs } from "../copy-decision-letter.ts";
import { publicCaseHref } from "../public-register.service.ts";
import type { PublicDocument } from "../public-view.ts";

/** The public form to request a copy of a document; the name is optional (anyone may ask anonymously). */
export function CopyRequestPage(props: {
  view: View;
  document: PublicDocument;
  diaryNumber: string;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, values, errors } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("copy.title")} hasErrors={errors.length > 0}>
      <p>
        <a href={publicCaseHref(props.diaryNumber)} safe>
          {t("copy.back")}
        </a>
      </p>
      <h1 safe>{t("copy.title")}</h1>
      <ErrorSummary view={view} errors={errors} />
      <p safe>{t("copy.intro", { description: props.document.description, number: props.diaryNumber })}</p>
      <Form view={view} action={`/offentlig/handlingar/${props.document.id}/begar-kopia`}>
        <Field
          view={view}
          name="requesterName"
          label={t("copy.name")}
          value={values.requesterName}
          errors={errors}
          autocomplete="name"
        />
        <Field
          view={view}
          name="delivery"
          label={t("copy.delivery")}
          value={values.delivery ?? "email"}
          errors={errors}
          options={[
            ["email", t("copy.delivery.email")],
            ["paper", t("copy.delivery.paper")],
          ]}
        />
        <Field
          view={view}
          name="email"
          type="email"
          label={t("copy.email")}
          value={values.email}
          errors={errors}
          autocomplete="email"
        />
        <Field
          view={view}
          name="postalAddress"
          label={t("copy.postal_address")}
          value={values.postalAddress}
          errors={errors}
          rows={3}
          autocomplete="street-address"
        />
        <Field
          view={view}
          name="message"
          label={t("copy.message")}
          value={values.message}
          errors={errors}
          rows={4}
        />
        <Honeypot view={view} />
        <button type="submit" class="button" safe>
          {t("copy.submit")}
        </button>
      </Form>
    </Layout>
  );
}

/** The requester's page behind the link they got: the request's reference and number, and the decision when made. */
export function CopyReceiptPage(props: {
  view: View;
  reference: string;
  receivedOn: string;
  diaryNumber: string;
  requestNumber: string | null;
  decision: DecisionText | null;
}) {
  const { view, decision } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("copy.received_title")}>
      <div class="notice" role="status">
        <h1 safe>{t("copy.received_title")}</h1>
        <p safe>{`${t("copy.reference")}: ${props.reference}`}</p>
        {props.requestNumber ? <p safe>{`${t("copy.request_number")}: ${props.requestNumber}`}</p> : null}
      </div>
      <p safe>{t("copy.received_body", { date: props.receivedOn })}</p>
      <h2 safe>{t("copy.outcome_title")}</h2>
      {decision ? (
        <>
          {decisionParagraphs(t, decision).map((p) => (
            <p safe>{p}</p>
          ))}
          {appealable(decision.outcome) ? (
            <>
              <h3 safe>{t("decision.appeal_title")}</h3>
              <p safe>{appealNotice(t, decision)}</p>
            </>
          ) : null}
          <p safe>{t("copy.letter")}</p>
        </>
      ) : (
        <p safe>{t("copy.pending")}</p>
      )}
      <p>
        <a href={publicCaseHref(props.diaryNumber)} safe>
          {t("copy.back")}
        </a>
      </p>
    </Layout>
  );
}
