import type { Unit } from "../../organisation/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { Checkbox, type Registry } from "../../registry/index.ts";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { ImportDraft, ImportReading } from "../imports.model.ts";
import type { WordChange } from "../repair.ts";
import { ProposedUnits } from "./ProposedUnits.tsx";

export type FormValues = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export interface ReviewData {
  registries: Registry[];
  classes: { id: string; code: string; title: string }[];
  units: Unit[];
  officers: { id: string; name: string }[];
}

const IMAGE_TYPES = new Set(["png", "jpeg"]);

/**
 * The document beside the proposal: the original (an image is shown, every file can be opened),
 * the repaired text, the text as read and the words changed (folded: a scan can have hundreds);
 * and the proposal as a form with every field editable, the case's facts and the choice to send
 * the consultation on to the units the bodies were matched to. The import can also be discarded.
 */
export function ImportReviewPage(props: {
  view: View;
  draft: ImportDraft;
  reading: ImportReading;
  data: ReviewData;
  values: FormValues;
  errors: FieldError[];
  today: string;
}) {
  const { view, draft, reading, data, values, errors } = props;
  const { t } = view;
  const deadline = one(values.deadline);
  const deadlinePassed = /^\d{4}-\d{2}-\d{2}$/.test(deadline) && deadline < props.today;
  const field = (name: string, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field view={view} name={name} label={label} value={one(values[name])} errors={errors} {...extra} />
  );
  const date = (name: string, legend: string, hint: string) => (
    <DateInput
      view={view}
      name={name}
      legend={legend}
      hint={hint}
      value={one(values[name])}
      errors={errors}
    />
  );
  return (
    <Layout view={view} title={t("import.review_title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("import.review_title")}</h1>
      <div class="import-review">
        <section aria-labelledby="document-heading">
          <h2 id="document-heading" safe>
            {t("import.document")}
          </h2>
          <p>
            <a href={`/import/${draft.id}/fil`} safe>
              {t("import.original_file", { name: draft.fileName })}
            </a>
          </p>
          {IMAGE_TYPES.has(draft.fileType) ? (
            <img class="import-scan" src={`/import/${draft.id}/fil`} alt={t("import.document")} />
          ) : draft.fileType === "pdf" ? (
            <img class="import-scan" src={`/import/${draft.id}/sida-1.png`} alt={t("import.first_page")} />
          ) : null}
          <p class="hint" safe>
            {reading.method === "ocr" ? t("import.read_by_ocr") : t("import.read_as_text")}
          </p>
          <h3 safe>{t("import.repaired_text")}</h3>
          <pre class="import-text" tabindex="0" safe>
            {reading.repairedText}
          </pre>
          <details>
            <summary safe>{t("import.raw_text")}</summary>
            <pre class="import-text" tabindex="0" safe>
              {reading.rawText}
            </pre>
          </details>
          {reading.changes.length === 0 ? (
            <p safe>{t("import.changes_none")}</p>
          ) : (
            <details class="import-changes">
              <summary safe>{t("import.changes_summary", { count: reading.changes.length })}</summary>
              <Table<WordChange>
                caption={t("import.changes")}
                columns={[
                  { header: t("import.before"), cell: (c) => <span safe>{c.before}</span>, rowHeader: true },
                  { header: t("import.after"), cell: (c) => <span safe>{c.after}</span> },
                ]}
                rows={reading.changes}
                empty={t("import.changes_none")}
              />
            </details>
          )}
        </section>
        <section aria-labelledby="proposal-heading">
          <h2 id="proposal-heading" safe>
            {t("import.proposal")}
          </h2>
          {deadlinePassed ? (
            <p class="notice" role="status" safe>
              {t("import.deadline_passed", { date: deadline })}
            </p>
          ) : null}
          <Form view={view} action={`/import/${draft.id}`}>
            {field("title", t("import.title"), { rows: 2 })}
            {field("senderOrganisation", t("import.sender"))}
            {field("diaryNumber", t("import.diary_number"))}
            {date("dateSent", t("import.date_sent"), t("import.date_hint"))}
            {date(
              "deadline",
              t("import.deadline"),
              deadlinePassed
                ? `${t("import.deadline_passed", { date: deadline })} ${t("import.date_hint")}`
                : t("import.date_hint"),
            )}
            {field("contactName", t("import.contact_name"))}
            {field("contactPhone", t("import.contact_phone"), { type: "tel" })}
            {field("contactEmail", t("import.contact_email"), { type: "email" })}
            {field("replyToEmail", t("import.reply_to_email"), { type: "email" })}
            {field("bodies", t("import.bodies"), { hint: t("import.bodies_hint"), rows: 8 })}
            {field("instructions", t("import.instructions"), { rows: 5 })}
            <fieldset>
              <legend safe>{t("import.case_legend")}</legend>
              {field("registryId", t("import.registry"), {
                options: data.registries.map((r): [string, string] => [r.id, `${r.prefix} – ${r.name}`]),
              })}
              {field("classId", t("import.class"), {
                options: [
                  ["", ""],
                  ...data.classes.map((c): [string, string] => [c.id, `${c.code} ${c.title}`]),
                ],
              })}
              {field("unitId", t("import.unit"), {
                options: [["", ""], ...data.units.map((u): [string, string] => [u.id, u.name])],
              })}
              {field("officerId", t("import.officer"), {
                options: [["", ""], ...data.officers.map((o): [string, string] => [o.id, o.name])],
              })}
            </fieldset>
            <fieldset>
              <legend safe>{t("import.forward_legend")}</legend>
              <Checkbox
                view={view}
                name="forward"
                label={t("import.forward")}
                checked={one(values.forward) === "on"}
                errors={errors}
              />
              <ProposedUnits
                view={view}
                matches={reading.proposal.matches}
                bodies={reading.proposal.consulted_bodies}
                units={data.units}
                checked={many(values.unitIds)}
                errors={errors}
              />
              {date("internalDeadline", t("import.internal_deadline"), t("import.internal_deadline_hint"))}
            </fieldset>
            <button type="submit" class="button" safe>
              {t("import.confirm_button")}
            </button>
          </Form>
          <p>
            <a href={`/import/${draft.id}/kassera`} safe>
              {t("import.discard_link")}
            </a>
          </p>
        </section>
      </div>
    </Layout>
  );
}
