import type { ActorView } from "../../auth/index.ts";
import type { FieldError } from "../../platform/errors.ts";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { ActionButton, Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import { caseAsShown, caseSubject, documentRestricted, documentText } from "../case-visibility.ts";
import type { Case } from "../cases.model.ts";
import type { Disposal } from "../disposed-file.tsx";
import { type RegistryDocument, SIGNOFF_KINDS } from "../documents.model.ts";
import type { FileRow } from "../documents.store.ts";
import { FileInput } from "./inputs.tsx";

/** One document: its register data, its file versions, and the steps the reader may take. */
export function DocumentPage(props: {
  view: ActorView;
  c: Case;
  doc: RegistryDocument;
  files: FileRow[];
  /** How disposed versions were disposed of, by file id (R6). */
  disposals: Map<string, Disposal>;
  /** The reader sees the case in full (case.view_full); else the document as the public register shows it. */
  full: boolean;
  errors: FieldError[];
  /** Answers of a refused sign-off, shown again. */
  values: Record<string, string>;
  maxMb: number;
}) {
  const { view, doc, files, full, errors, maxMb } = props;
  const { t } = view;
  const c = caseAsShown(props.c, full);
  const subject = caseSubject(c);
  const restricted = documentRestricted(doc, full);
  const { description, party } = documentText(doc, full);
  const row = (label: string, value: string | null) => (
    <>
      <dt safe>{label}</dt>
      <dd safe>{value ?? "–"}</dd>
    </>
  );
  return (
    <Layout view={view} title={`${c.diaryNumber}: ${description}`} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/arenden/${c.id}`} safe>
          {`${c.diaryNumber} ${c.title}`}
        </a>
      </nav>
      <h1 safe>{description}</h1>
      <dl class="summary">
        {row(t("document.direction"), t(`document.direction.${doc.direction}`))}
        {row(t("case.status"), t(`document.status.${doc.status}`))}
        {row(t("document.date"), doc.date)}
        {row(t("document.party"), party)}
        {row(t("document.document_type"), doc.documentType)}
        {doc.secrecy
          ? row(
              t("document.secret"),
              restricted
                ? t("document.secret")
                : `${doc.secrecy.provision}, ${doc.secrecy.markedOn}, ${doc.secrecy.authority}`,
            )
          : null}
        {doc.dueDate ? row(t("document.due_date"), doc.dueDate) : null}
        {doc.signedOffOn
          ? row(
              t("document.signed_off", { date: doc.signedOffOn }),
              doc.signoffReference ?? t(`document.signoff.${doc.signoffKind ?? "noted"}`),
            )
          : null}
      </dl>
      <h2 safe>{t("document.files")}</h2>
      {restricted ? (
        <p safe>{t("document.restricted")}</p>
      ) : (
        <Table
          caption={t("document.files")}
          empty="–"
          rows={files}
          columns={[
            {
              header: "#",
              cell: (f) => <span safe>{t("document.version", { version: f.version })}</span>,
              rowHeader: true,
            },
            {
              header: t("document.file"),
              cell: (f) => <span safe>{`${f.file_name} (${Math.ceil(f.size / 1024)} kB)`}</span>,
            },
            { header: "SHA-256", cell: (f) => <code safe>{f.sha256.slice(0, 16)}</code> },
            {
              header: t("document.download"),
              cell: (f) =>
                f.disposed_at ? (
                  <span safe>
                    {t("disposal.file_disposed", {
                      date: props.disposals.get(f.id)?.on ?? f.disposed_at.slice(0, 10),
                      reference: props.disposals.get(f.id)?.reference ?? "–",
                    })}
                  </span>
                ) : (
                  <a href={`/handlingar/${doc.id}/filer/${f.version}`} safe>
                    {`${t("document.download")} ${t("document.version", { version: f.version })}`}
                  </a>
                ),
            },
          ]}
        />
      )}
      {doc.status === "draft" && view.can("document.create", subject) ? (
        <>
          <Form view={view} action={`/handlingar/${doc.id}/versioner`} multipart>
            <FileInput
              view={view}
              name="file"
              label={t("document.new_version")}
              hint={t("document.file_hint", { max: maxMb })}
              errors={errors}
            />
            <button type="submit" class="button secondary" safe>
              {t("document.new_version")}
            </button>
          </Form>
          <ActionButton
            view={view}
            action={`/handlingar/${doc.id}/registrera`}
            label={t("document.finalize")}
          />
        </>
      ) : null}
      {doc.direction === "incoming" && !doc.signedOffOn && view.can("document.sign_off", subject) ? (
        <Form view={view} action={`/handlingar/${doc.id}/avskriv`}>
          <h2 safe>{t("document.sign_off")}</h2>
          <Field
            view={view}
            name="kind"
            label={t("document.signoff_kind")}
            value={props.values.kind}
            errors={errors}
            options={SIGNOFF_KINDS.map((k): [string, string] => [k, t(`document.signoff.${k}`)])}
          />
          <Field
            view={view}
            name="reference"
            label={t("document.signoff_reference")}
            value={props.values.reference}
            errors={errors}
          />
          <button type="submit" class="button secondary" safe>
            {t("document.sign_off")}
          </button>
        </Form>
      ) : null}
    </Layout>
  );
}
