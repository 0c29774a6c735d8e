import type { FieldError } from "../../platform/errors.ts";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { DISPOSAL_ACTIONS, RULE_ROWS } from "../disposal.model.ts";
import type { DecisionWithRules } from "../disposal.service.ts";
import type { DisposalRecordRow } from "../disposal.store.ts";

/** The disposal decisions with their rules, the form to record one, and the permanent records. */
export function DisposalPage(props: {
  view: View;
  decisions: DecisionWithRules[];
  records: DisposalRecordRow[];
  totalRecords: number;
  /** How many versions the run just made disposed of, shown once after it. */
  disposedNow: number | null;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, decisions, records, values, errors } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("disposal.title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("disposal.title")}</h1>
      {props.disposedNow !== null ? (
        <p class="notice" role="status" safe>
          {t("disposal.done", { count: props.disposedNow })}
        </p>
      ) : null}
      <p safe>{t("disposal.intro")}</p>
      <p>
        <a class="button" href="/admin/gallring/forhandsgranskning" safe>
          {t("disposal.preview_link")}
        </a>
      </p>

      <h2 safe>{t("disposal.decisions")}</h2>
      {decisions.length === 0 ? <p safe>{t("disposal.no_decisions")}</p> : null}
      {decisions.map((d) => (
        <section aria-labelledby={`decision-${d.id}`}>
          <h3 id={`decision-${d.id}`} safe>
            {`${d.reference} – ${d.title}`}
          </h3>
          <p
            safe
          >{`${t("disposal.decided_on")}: ${d.decidedOn}. ${t("disposal.authority")}: ${d.authority}.`}</p>
          <Table
            caption={t("disposal.rules_caption", { reference: d.reference })}
            empty="–"
            rows={d.rules}
            columns={[
              {
                header: t("disposal.document_type"),
                cell: (r) => <span safe>{r.documentType}</span>,
                rowHeader: true,
              },
              {
                header: t("disposal.action"),
                cell: (r) => <span safe>{t(`disposal.action.${r.action}`)}</span>,
              },
              {
                header: t("disposal.retention"),
                cell: (r) =>
                  r.retentionYears === null ? (
                    "–"
                  ) : (
                    <span safe>{t("disposal.retention_years", { years: r.retentionYears })}</span>
                  ),
              },
              {
                header: t("disposal.rule_state"),
                cell: (r) => (
                  <span safe>{t(r.supersededBy ? "disposal.superseded" : "disposal.in_force")}</span>
                ),
              },
            ]}
          />
        </section>
      ))}

      <h2 safe>{t("disposal.new_decision")}</h2>
      <Form view={view} action="/admin/gallring/beslut">
        <Field
          view={view}
          name="reference"
          label={t("disposal.reference")}
          hint={t("disposal.reference_hint")}
          value={values.reference}
          errors={errors}
        />
        <Field
          view={view}
          name="title"
          label={t("disposal.decision_title")}
          value={values.title}
          errors={errors}
        />
        <DateInput
          view={view}
          name="decidedOn"
          legend={t("disposal.decided_on")}
          value={values.decidedOn}
          errors={errors}
        />
        <Field
          view={view}
          name="authority"
          label={t("disposal.authority")}
          value={values.authority}
          errors={errors}
        />
        <p class="hint" safe>
          {t("disposal.rules_hint")}
        </p>
        {Array.from({ length: RULE_ROWS }, (_, i) => (
          <fieldset class="field">
            <legend safe>{t("disposal.rule_legend", { n: i + 1 })}</legend>
            <Field
              view={view}
              name={`rule${i}-documentType`}
              label={t("disposal.document_type")}
              value={values[`rule${i}-documentType`]}
              errors={errors}
            />
            <Field
              view={view}
              name={`rule${i}-action`}
              label={t("disposal.action")}
              value={values[`rule${i}-action`]}
              errors={errors}
              options={[
                ["", "–"],
                ...DISPOSAL_ACTIONS.map((a): [string, string] => [a, t(`disposal.action.${a}`)]),
              ]}
            />
            <Field
              view={view}
              name={`rule${i}-retentionYears`}
              label={t("disposal.retention")}
              value={values[`rule${i}-retentionYears`]}
              errors={errors}
              width="short"
            />
          </fieldset>
        ))}
        <button type="submit" class="button" safe>
          {t("disposal.save")}
        </button>
      </Form>

      <h2 safe>{t("disposal.records")}</h2>
      <Table
        caption={t("disposal.records_caption", { shown: records.length, total: props.totalRecords })}
        empty={t("disposal.no_records")}
        rows={records}
        columns={[
          {
            header: t("disposal.disposed_at"),
            cell: (r) => <span safe>{r.disposed_at.slice(0, 10)}</span>,
            rowHeader: true,
          },
          {
            header: t("case.diary_number"),
            cell: (r) => (
              <span class="nowrap" safe>
                {r.diary_number}
              </span>
            ),
          },
          {
            header: t("disposal.file"),
            cell: (r) => (
              <a href={`/handlingar/${r.document_id}`} safe>
                {`${r.file_name} (${t("document.version", { version: r.file_version })})`}
              </a>
            ),
          },
          { header: "SHA-256", cell: (r) => <code safe>{r.sha256.slice(0, 16)}</code> },
          { header: t("disposal.reference"), cell: (r) => <span safe>{r.decision_reference}</span> },
          { header: t("disposal.by"), cell: (r) => <span safe>{r.disposed_by_label}</span> },
        ]}
      />
    </Layout>
  );
}
