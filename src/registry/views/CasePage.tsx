import type { ActorView } from "../../auth/index.ts";
import type { AuditEvent } from "../../platform/audit/audit.model.ts";
import type { FieldError } from "../../platform/errors.ts";
import { AuditChange } from "../../web/components/AuditChange.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { eventColumns } from "../../web/components/EventColumns.tsx";
import { Field } from "../../web/components/Field.tsx";
import { ActionButton, Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { CaseNames } from "../case-names.ts";
import { caseAsShown, caseSubject, partiesAsShown } from "../case-visibility.ts";
import { allowedActions, type Case, type CaseParty } from "../cases.model.ts";
import { retentionText } from "../classification.model.ts";
import type { RegistryDocument } from "../documents.model.ts";
import { CaseDocuments } from "./CaseDocuments.tsx";
import { Checkbox } from "./inputs.tsx";

/**
 * The case: its facts, parties and history, with the steps its status and the reader allow. A
 * reader who does not see the case in full (`full`, case.view_full) sees what the public register
 * shows: the public title, protected parties masked, no drafts, and the history without the
 * recorded changes (they hold the real title and the parties' names).
 */
export function CasePage(props: {
  view: ActorView;
  c: Case;
  full: boolean;
  names: CaseNames;
  parties: CaseParty[];
  history: AuditEvent[];
  /** Names of the people in the history, by user id. */
  people: ReadonlyMap<string, string>;
  documents: RegistryDocument[];
  today: string;
  /** The add-party form's answers and errors when an added party was refused. */
  partyForm: { values: Record<string, string>; errors: FieldError[] };
}) {
  const { view, full, names, history, people, partyForm } = props;
  const { t } = view;
  const c = caseAsShown(props.c, full);
  const parties = partiesAsShown(props.parties, full, t("case.protected_identity"));
  const subject = caseSubject(c);
  const allowed = allowedActions(c.status);
  const row = (label: string, value: string | null) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value ?? "–"}</dd>
    </>
  );
  return (
    <Layout view={view} title={`${c.diaryNumber} ${c.title}`} hasErrors={partyForm.errors.length > 0}>
      <ErrorSummary view={view} errors={partyForm.errors} />
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/arenden" safe>
          {t("case.list_title")}
        </a>
      </nav>
      <p class="muted" safe>
        {c.diaryNumber}
      </p>
      <h1 safe>{c.title}</h1>
      <dl class="summary">
        {row(t("case.diary_number"), c.diaryNumber)}
        {row(t("case.status"), t(`case.status.${c.status}`))}
        {row(t("case.registry"), names.registry)}
        {row(t("case.class"), names.className)}
        {names.classVersion
          ? row(
              t("case.class_version"),
              t("case.class_version_text", {
                version: names.classVersion.version,
                retention: retentionText(t, names.classVersion),
              }),
            )
          : null}
        {row(t("case.unit"), names.unit)}
        {row(t("case.officer"), names.officer ?? t("case.no_officer"))}
        {row(t("case.opened_on"), c.openedOn)}
        {c.closedOn ? row(t("case.closed_on"), c.closedOn) : null}
        {full && c.publicTitle ? row(t("case.public_title"), c.publicTitle) : null}
      </dl>
      {view.can("case.edit", subject) ? (
        <ul class="actions">
          {allowed.includes("edit") ? (
            <li>
              <a class="button" href={`/arenden/${c.id}/andra`} safe>
                {t("case.edit")}
              </a>
            </li>
          ) : null}
          {c.status === "open" && view.can("consultation.manage", caseSubject(c)) ? (
            <li>
              <a class="button secondary" href={`/arenden/${c.id}/remisser/ny`} safe>
                {t("consultation.send_case")}
              </a>
            </li>
          ) : null}
          {allowed.includes("close") && view.can("case.close", subject) ? (
            <li>
              <ActionButton
                view={view}
                action={`/arenden/${c.id}/avsluta`}
                label={t("case.close")}
                secondary
              />
            </li>
          ) : null}
          {allowed.includes("reopen") && view.can("case.close", subject) ? (
            <li>
              <ActionButton
                view={view}
                action={`/arenden/${c.id}/ateroppna`}
                label={t("case.reopen")}
                secondary
              />
            </li>
          ) : null}
        </ul>
      ) : null}
      {view.can("case.edit", subject) ? (
        <p>
          {/* The reports domain, above the registry, serves the case's officer's reports by this path. */}
          <a href={`/arenden/${c.id}/tjansteutlatanden`} safe>
            {t("report.link")}
          </a>
        </p>
      ) : null}
      <p>
        {/* The meetings domain, above the registry, serves the chain of decisions by this path. */}
        <a href={`/arenden/${c.id}/beslut`} safe>
          {t("case.decision_chain")}
        </a>
      </p>
      {c.status === "closed" && view.can("case.export") ? (
        <p>
          <a class="button secondary" href={`/arenden/${c.id}/e-arkiv`} safe>
            {t("export.archive_case")}
          </a>
          <span class="hint" safe>
            {` ${t("export.archive_case_hint")}`}
          </span>
        </p>
      ) : null}
      <CaseDocuments
        view={view}
        caseId={c.id}
        documents={props.documents}
        full={full}
        canAdd={allowed.includes("add_document") && view.can("document.create", subject)}
        today={props.today}
      />
      <h2 id="parties-heading" safe>
        {t("case.parties")}
      </h2>
      {parties.length === 0 ? (
        <p safe>{t("case.no_parties")}</p>
      ) : (
        <ul>
          {parties.map((p) => (
            <li safe>
              {[
                p.organisation ? `${p.name}, ${p.organisation}` : p.name,
                p.email ? ` – ${p.email}` : "",
                full && p.protectedIdentity ? ` (${t("case.party_protected_note")})` : "",
              ].join("")}
            </li>
          ))}
        </ul>
      )}
      {allowed.includes("add_party") && view.can("case.edit", subject) ? (
        <section aria-labelledby="add-party-heading">
          <h3 id="add-party-heading" safe>
            {t("case.add_party")}
          </h3>
          <Form view={view} action={`/arenden/${c.id}/parter`}>
            <Field
              view={view}
              name="name"
              label={t("case.party_name")}
              value={partyForm.values.name}
              errors={partyForm.errors}
            />
            <Field
              view={view}
              name="organisation"
              label={t("case.party_organisation")}
              value={partyForm.values.organisation}
              errors={partyForm.errors}
            />
            <Field
              view={view}
              name="email"
              type="email"
              label={t("case.party_email")}
              value={partyForm.values.email}
              errors={partyForm.errors}
            />
            <Checkbox
              view={view}
              name="protectedIdentity"
              label={t("case.party_protected")}
              checked={partyForm.values.protectedIdentity === "on"}
              errors={partyForm.errors}
            />
            <button type="submit" class="button secondary" safe>
              {t("case.add_party_button")}
            </button>
          </Form>
        </section>
      ) : null}
      <h2 safe>{t("case.history")}</h2>
      <Table
        caption={t("case.history_caption")}
        empty="–"
        rows={history}
        columns={[
          ...eventColumns(view, people),
          // The recorded changes hold the real title and the parties' names: insiders only.
          ...(full
            ? [
                {
                  header: t("audit.change"),
                  cell: (e: AuditEvent) => <AuditChange view={view} event={e} />,
                },
              ]
            : []),
        ]}
      />
    </Layout>
  );
}
