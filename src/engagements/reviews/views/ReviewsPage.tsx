import type { ActorView } from "../../../auth/index.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { DateInput } from "../../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import { ActionButton, Form } from "../../../web/components/Form.tsx";
import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import { type DueItem, isReviewed, REVIEW_OUTCOMES, type Review } from "../reviews.model.ts";

/** The review dashboard (P4): what is due for review or ends soon, the form to record a review, the latest reviews. */
export function ReviewsPage(props: {
  view: ActorView;
  due: DueItem[];
  /** Every membership and intention agreement that may be reviewed, for the form. */
  reviewable: { id: string; title: string }[];
  recent: (Review & { title: string })[];
  /** The reminders' lead time in days. */
  leadDays: number;
  values: Record<string, string>;
  errors: FieldError[];
  notice: string | null;
}) {
  const { view, due, reviewable, recent, leadDays, values, errors, notice } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("review.title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("review.title")}</h1>
      {notice ? (
        <p class="notice" role="status" safe>
          {notice}
        </p>
      ) : null}
      <p safe>{t("review.intro")}</p>
      <Table<DueItem>
        caption={t("review.due_caption")}
        columns={[
          {
            header: t("review.engagement"),
            cell: (d) => (
              <a href={`/engagemang/${d.engagementId}`} safe>
                {d.title}
              </a>
            ),
            rowHeader: true,
          },
          {
            header: t("review.type"),
            cell: (d) => <span safe>{t(`engagement.type.${d.type}`)}</span>,
          },
          { header: t("review.unit"), cell: (d) => <span safe>{d.unitName}</span> },
          { header: t("review.owner"), cell: (d) => <span safe>{d.officerName}</span> },
          { header: t("review.kind"), cell: (d) => <span safe>{t(`review.kind.${d.kind}`)}</span> },
          {
            header: t("review.due_on"),
            cell: (d) => <span safe>{d.overdue ? `${d.dueOn} (${t("review.overdue")})` : d.dueOn}</span>,
          },
        ]}
        rows={due}
        empty={t("review.none_due")}
      />
      {view.can("engagement_review.manage") ? (
        <>
          <ActionButton
            view={view}
            action="/engagemang/oversyner/paminnelser"
            label={t("review.remind_button")}
            secondary
          />
          <p class="hint" safe>
            {t("review.remind_hint", { days: leadDays })}
          </p>
          <h2 safe>{t("review.form_title")}</h2>
          <p class="hint" safe>
            {t("review.form_hint")}
          </p>
          <Form view={view} action="/engagemang/oversyner">
            <Field
              view={view}
              name="engagementId"
              label={t("review.engagement_id")}
              value={values.engagementId ?? due.find((d) => isReviewed(d.type))?.engagementId}
              errors={errors}
              options={[["", ""], ...reviewable.map((r): [string, string] => [r.id, r.title])]}
            />
            <DateInput
              view={view}
              name="reviewedOn"
              legend={t("review.reviewed_on")}
              hint={t("followup.date_hint")}
              value={values.reviewedOn}
              errors={errors}
            />
            <Field
              view={view}
              name="outcome"
              label={t("review.outcome")}
              value={values.outcome}
              errors={errors}
              options={[
                ["", ""],
                ...REVIEW_OUTCOMES.map((o): [string, string] => [o, t(`review.outcome.${o}`)]),
              ]}
            />
            <Field
              view={view}
              name="note"
              label={t("review.note")}
              rows={4}
              value={values.note}
              errors={errors}
            />
            <button type="submit" class="button" safe>
              {t("review.save_button")}
            </button>
          </Form>
        </>
      ) : null}
      <Table<Review & { title: string }>
        caption={t("review.recent_caption")}
        columns={[
          {
            header: t("review.engagement"),
            cell: (r) => (
              <a href={`/engagemang/${r.engagementId}`} safe>
                {r.title}
              </a>
            ),
            rowHeader: true,
          },
          { header: t("review.reviewed_on"), cell: (r) => <span safe>{r.reviewedOn}</span> },
          { header: t("review.outcome"), cell: (r) => <span safe>{t(`review.outcome.${r.outcome}`)}</span> },
          { header: t("review.next_review_on"), cell: (r) => <span safe>{r.nextReviewOn ?? "–"}</span> },
          { header: t("review.note"), cell: (r) => <span safe>{r.note}</span> },
        ]}
        rows={recent}
        empty={t("review.none_recorded")}
      />
      {view.can("review_settings.manage") ? (
        <>
          <h2 safe>{t("review.settings_title")}</h2>
          <Form view={view} action="/engagemang/oversyner/installningar">
            <Field
              view={view}
              name="leadDays"
              type="number"
              label={t("review.lead_days")}
              hint={t("review.lead_days_hint")}
              value={values.leadDays ?? String(leadDays)}
              errors={errors}
            />
            <button type="submit" class="button" safe>
              {t("review.settings_button")}
            </button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
