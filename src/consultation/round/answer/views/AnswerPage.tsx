import type { FieldError } from "../../../../platform/errors.ts";
import { FileInput } from "../../../../registry/index.ts";
import { DateInput } from "../../../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../../web/components/Field.tsx";
import { Form } from "../../../../web/components/Form.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import type { BodyAccess } from "../../body-access.ts";
import type { MaterialItem } from "../../material.ts";
import { recipientActions } from "../../tracking.ts";

/**
 * A body's page for one consultation, reached by its personal link or from its inbox: the
 * material and instructions, then answering (a file or text), asking for more time or declining.
 * Once answered it is the body's receipt.
 */
export function AnswerPage(props: {
  view: View;
  access: BodyAccess;
  material: MaterialItem[];
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, access, material, values, errors } = props;
  const { consultation: k, recipient: r, diaryNumber, base } = access;
  const { t } = view;
  const steps = recipientActions(k.status, r.state);
  const title = t("round.answer_title", { title: k.title });
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <dl class="summary">
        <dt safe>{t("consultation.recipient")}</dt>
        <dd safe>{r.name}</dd>
        <dt safe>{t("round.diary_number")}</dt>
        <dd safe>{diaryNumber}</dd>
        <dt safe>{t("consultation.deadline")}</dt>
        <dd safe>{r.extended ? `${r.deadline} (${t("round.own_deadline")})` : r.deadline}</dd>
        <dt safe>{t("consultation.recipient_state")}</dt>
        <dd safe>{t(`consultation.recipient_state.${r.state}`)}</dd>
      </dl>
      {r.answeredOn ? (
        <section class="notice" aria-labelledby="receipt">
          <h2 id="receipt" safe>
            {t("round.receipt_heading")}
          </h2>
          <p safe>{t("round.receipt_text", { date: r.answeredOn, number: diaryNumber })}</p>
        </section>
      ) : null}
      {r.declinedOn ? (
        <p class="notice" safe>
          {t("round.declined_text", { date: r.declinedOn })}
        </p>
      ) : null}
      {k.status === "closed" ? (
        <p class="notice" safe>
          {t("round.closed")}
        </p>
      ) : null}
      <h2 safe>{t("consultation.material")}</h2>
      {material.length > 0 ? (
        <ul>
          {material.map((d) => (
            <li>
              <a href={`${base}/material/${d.id}`} safe>
                {`${d.date} ${d.description}`}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p safe>{t("consultation.no_material")}</p>
      )}
      <h2 safe>{t("consultation.instructions")}</h2>
      <p safe>{k.instructions}</p>
      {k.contact ? <p safe>{k.contact}</p> : null}
      {steps.includes("answer") ? (
        <Form view={view} action={`${base}/svar`} multipart>
          <h2 safe>{t("round.give_answer")}</h2>
          <FileInput
            view={view}
            name="file"
            label={t("round.answer_file")}
            hint={t("round.answer_file_hint")}
            errors={errors}
          />
          <Field
            view={view}
            name="text"
            label={t("round.answer_text")}
            hint={t("round.answer_text_hint", { number: diaryNumber })}
            value={values.text}
            errors={errors}
            rows={8}
          />
          <button type="submit" class="button" safe>
            {t("round.answer_button")}
          </button>
        </Form>
      ) : null}
      {steps.includes("ask_extension") ? (
        <Form view={view} action={`${base}/anstand`}>
          <h2 safe>{t("round.ask_extension")}</h2>
          <DateInput
            view={view}
            name="until"
            legend={t("round.requested_until")}
            hint={t("round.until_hint")}
            value={values.until}
            errors={errors}
          />
          <Field
            view={view}
            name="reason"
            label={t("round.reason")}
            value={values.reason}
            errors={errors}
            rows={3}
          />
          <button type="submit" class="button secondary" safe>
            {t("round.ask_extension_button")}
          </button>
        </Form>
      ) : null}
      {steps.includes("decline") ? (
        <Form view={view} action={`${base}/avstar`}>
          <h2 safe>{t("round.decline")}</h2>
          <Field
            view={view}
            name="comment"
            label={t("round.decline_comment")}
            value={values.comment}
            errors={errors}
            rows={3}
          />
          <button type="submit" class="button secondary" safe>
            {t("round.decline_button")}
          </button>
        </Form>
      ) : null}
    </Layout>
  );
}
