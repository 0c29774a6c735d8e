import type { ActorView, FailedForm } from "../../auth/index.ts";
import type { MailBody } from "../../consultation/index.ts";
import { stockholmDateTime } from "../../platform/calendar/civil-date.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Layout } from "../../web/Layout.tsx";
import { answerFiles, type ReceivedMail } from "../received-mail.model.ts";

export type FilingForm = FailedForm<"answer" | "document" | "not_public">;

/**
 * One received message: who sent it, when, what the sender checks found, its text and
 * attachments, and while it waits the three ways to file it, each its own form.
 */
export function ReceivedMailPage(props: {
  view: ActorView;
  mail: ReceivedMail;
  /** The bodies of the rounds out that the message names: whom it can be an answer from. */
  bodies: MailBody[];
  failed: FilingForm | null;
}) {
  const { view, mail, bodies, failed } = props;
  const { t } = view;
  const errors = failed?.errors ?? [];
  const valuesOf = (form: FilingForm["form"]) => (failed?.form === form ? failed.values : {});
  const errorsOf = (form: FilingForm["form"]) => (failed?.form === form ? errors : []);
  const a = mail.authentication;
  const none = t("mail.authentication_none");
  const attachmentOptions = (files: { fileName: string; index: number }[]): [string, string][] =>
    files.map((f) => [String(f.index), f.fileName]);
  const indexed = mail.attachments.map((f, index) => ({ ...f, index }));
  const title = mail.subject || t("mail.no_subject");
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <p>
        <a href="/post" safe>
          {t("mail.title")}
        </a>
      </p>
      <h1 safe>{title}</h1>
      <dl class="facts">
        <dt safe>{t("mail.from")}</dt>
        <dd safe>
          {mail.fromName ? `${mail.fromName} <${mail.fromAddress ?? ""}>` : (mail.fromAddress ?? "")}
        </dd>
        <dt safe>{t("mail.received")}</dt>
        <dd safe>{stockholmDateTime(new Date(mail.receivedAt))}</dd>
        <dt safe>{t("mail.authentication")}</dt>
        <dd safe>
          {t("mail.authentication_values", {
            spf: a.spf ?? none,
            dkim: a.dkim ?? none,
            dmarc: a.dmarc ?? none,
          })}
        </dd>
        <dt safe>{t("mail.status")}</dt>
        <dd>
          {mail.documentId ? (
            <a href={`/handlingar/${mail.documentId}`} safe>
              {t(`mail.status.${mail.status}`)}
            </a>
          ) : (
            <span safe>{t(`mail.status.${mail.status}`)}</span>
          )}
        </dd>
        {mail.queueReason ? (
          <>
            <dt safe>{t("mail.reason")}</dt>
            <dd safe>{t(`mail.queue_reason.${mail.queueReason}`)}</dd>
          </>
        ) : null}
        {mail.intakeError ? (
          <>
            <dt safe>{t("mail.intake_error")}</dt>
            <dd safe>{mail.intakeError}</dd>
          </>
        ) : null}
        {mail.notPublicReason ? (
          <>
            <dt safe>{t("mail.status.not_public")}</dt>
            <dd safe>{t("mail.not_public_reason_shown", { reason: mail.notPublicReason })}</dd>
          </>
        ) : null}
      </dl>
      <h2 safe>{t("mail.attachments")}</h2>
      {mail.attachments.length === 0 ? <p safe>{t("mail.no_attachments")}</p> : null}
      <ul>
        {indexed.map((f) => (
          <li>
            <a href={`/post/${mail.id}/bilagor/${f.index}`} safe>
              {f.fileName}
            </a>
          </li>
        ))}
        <li>
          <a href={`/post/${mail.id}/eml`} safe>
            {t("mail.eml")}
          </a>
        </li>
      </ul>
      <h2 safe>{t("mail.text")}</h2>
      {/* Paragraphs rather than <pre>: a long line must wrap on a narrow screen (WCAG 1.4.10). */}
      {mail.bodyText
        .split(/\r?\n\s*\r?\n/)
        .filter((p) => p.trim() !== "")
        .map((p) => (
          <p safe>{p}</p>
        ))}
      {mail.status === "queued" ? (
        <section aria-labelledby="file-title">
          <h2 id="file-title" safe>
            {t("mail.file_title")}
          </h2>
          <h3 safe>{t("mail.as_answer")}</h3>
          {bodies.length === 0 || answerFiles(indexed).length === 0 ? (
            <p safe>{t("mail.no_round")}</p>
          ) : (
            <Form view={view} action={`/post/${mail.id}/svar`}>
              <Field
                view={view}
                name="recipientId"
                label={t("mail.recipient")}
                hint={t("mail.recipient_hint")}
                options={bodies.map((b) => [b.recipientId, b.name])}
                value={valuesOf("answer").recipientId}
                errors={errorsOf("answer")}
              />
              <Field
                view={view}
                name="attachment"
                label={t("mail.attachment")}
                options={attachmentOptions(answerFiles(indexed))}
                value={valuesOf("answer").attachment}
                errors={errorsOf("answer")}
              />
              <button type="submit" safe>
                {t("mail.as_answer_button")}
              </button>
            </Form>
          )}
          <h3 safe>{t("mail.as_document")}</h3>
          <Form view={view} action={`/post/${mail.id}/handling`}>
            <Field
              view={view}
              name="diaryNumber"
              label={t("mail.diary_number")}
              value={valuesOf("document").diaryNumber}
              errors={errorsOf("document")}
              width="short"
            />
            <Field
              view={view}
              name="description"
              label={t("mail.description")}
              value={valuesOf("document").description ?? mail.subject}
              errors={errorsOf("document")}
            />
            <Field
              view={view}
              name="documentAttachment"
              label={t("mail.document_attachment")}
              options={[["", t("mail.document_attachment_text")], ...attachmentOptions(indexed)]}
              value={valuesOf("document").documentAttachment}
              errors={errorsOf("document")}
            />
            <button type="submit" safe>
              {t("mail.as_document_button")}
            </button>
          </Form>
          <h3 safe>{t("mail.as_not_public")}</h3>
          <Form view={view} action={`/post/${mail.id}/inte-allman`}>
            <Field
              view={view}
              name="reason"
              label={t("mail.not_public_reason")}
              value={valuesOf("not_public").reason}
              errors={errorsOf("not_public")}
              rows={3}
            />
            <button type="submit" class="secondary" safe>
              {t("mail.as_not_public_button")}
            </button>
          </Form>
        </section>
      ) : null}
    </Layout>
  );
}
