import type { ActorView, FailedForm as FailedFormOf } from "../../../auth/index.ts";
import { DateInput } from "../../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../../web/components/ErrorSummary.tsx";
import { Field } from "../../../web/components/Field.tsx";
import { Form } from "../../../web/components/Form.tsx";
import { Table } from "../../../web/components/Table.tsx";
import { Layout } from "../../../web/Layout.tsx";
import type { ContactAccount, NetworkEntry } from "../network.model.ts";

export interface SentMessage {
  id: string;
  subject: string;
  recipients: number;
  sentAt: string;
  documentId: string;
  diaryNumber: string;
}

/** Which of the page's two forms came back with errors, with its answers. */
export type FailedForm = FailedFormOf<"appoint" | "message">;

/** The contact network: each administration's and company's contact person, the units without one, and messages to all. */
export function ContactNetworkPage(props: {
  view: ActorView;
  entries: NetworkEntry[];
  /** The kontaktperson accounts the appointment form offers. */
  accounts: ContactAccount[];
  messages: SentMessage[];
  failed: FailedForm | null;
}) {
  const { view, entries, accounts, messages, failed } = props;
  const unitName = new Map(entries.map((e) => [e.unitId, e.unitName]));
  const { t } = view;
  const errors = failed?.errors ?? [];
  const values = (form: FailedForm["form"]) => (failed?.form === form ? failed.values : {});
  const errorsOf = (form: FailedForm["form"]) => (failed?.form === form ? errors : []);
  const missing = entries.filter((e) => !e.contact);
  const appoint = values("appoint");
  const message = values("message");
  return (
    <Layout view={view} title={t("network.title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("network.title")}</h1>
      <p safe>{t("network.intro")}</p>
      <p>
        <a href="/engagemang/kontaktnat.csv" download="kontaktnat.csv" safe>
          {t("network.export")}
        </a>
      </p>
      <Table<NetworkEntry>
        caption={t("network.table_caption")}
        columns={[
          { header: t("network.unit"), cell: (e) => <span safe>{e.unitName}</span>, rowHeader: true },
          { header: t("network.contact"), cell: (e) => <span safe>{e.contact?.name ?? "–"}</span> },
          { header: t("network.email"), cell: (e) => <span safe>{e.contact?.email ?? ""}</span> },
          {
            header: t("network.appointed_on"),
            cell: (e) => <span safe>{e.contact?.appointedOn ?? ""}</span>,
          },
          {
            header: t("network.appointed_by"),
            cell: (e) => <span safe>{e.contact?.appointedBy ?? ""}</span>,
          },
        ]}
        rows={entries.filter((e) => e.contact)}
        empty={t("network.none")}
      />
      <h2 id="missing" safe>
        {t("network.missing_title", { count: missing.length })}
      </h2>
      {missing.length > 0 ? (
        <ul aria-labelledby="missing">
          {missing.map((e) => (
            <li safe>{e.unitName}</li>
          ))}
        </ul>
      ) : (
        <p safe>{t("network.missing_none")}</p>
      )}
      {view.can("contact_network.manage") ? (
        <>
          <h2 safe>{t("network.appoint_title")}</h2>
          <Form view={view} action="/engagemang/kontaktnat/utnamning">
            <Field
              view={view}
              name="userId"
              label={t("network.account")}
              hint={t("network.account_hint")}
              value={appoint.userId}
              errors={errorsOf("appoint")}
              options={[
                ["", ""],
                ...accounts.map((a): [string, string] => [
                  a.userId,
                  `${a.name} – ${unitName.get(a.unitId) ?? a.unitId}`,
                ]),
              ]}
            />
            <Field
              view={view}
              name="phone"
              type="tel"
              label={t("network.phone")}
              value={appoint.phone}
              errors={errorsOf("appoint")}
            />
            <DateInput
              view={view}
              name="appointedOn"
              legend={t("network.appointed_on")}
              hint={t("followup.date_hint")}
              value={appoint.appointedOn}
              errors={errorsOf("appoint")}
            />
            <Field
              view={view}
              name="appointedBy"
              label={t("network.appointed_by")}
              hint={t("network.appointed_by_hint")}
              value={appoint.appointedBy}
              errors={errorsOf("appoint")}
            />
            <button type="submit" class="button" safe>
              {t("network.appoint_button")}
            </button>
          </Form>
          <h2 safe>{t("network.message_title")}</h2>
          <p class="hint" safe>
            {t("network.message_hint")}
          </p>
          <Form view={view} action="/engagemang/kontaktnat/meddelande">
            <Field
              view={view}
              name="diaryNumber"
              label={t("followup.diary_number")}
              hint={t("followup.diary_number_hint")}
              value={message.diaryNumber}
              errors={errorsOf("message")}
            />
            <Field
              view={view}
              name="subject"
              label={t("network.subject")}
              value={message.subject}
              errors={errorsOf("message")}
            />
            <Field
              view={view}
              name="body"
              label={t("network.body")}
              rows={8}
              value={message.body}
              errors={errorsOf("message")}
            />
            <button type="submit" class="button" safe>
              {t("network.send_button")}
            </button>
          </Form>
        </>
      ) : null}
      <Table<SentMessage>
        caption={t("network.messages_caption")}
        columns={[
          {
            header: t("network.subject"),
            cell: (m) => (
              <a href={`/handlingar/${m.documentId}`} safe>
                {m.subject}
              </a>
            ),
            rowHeader: true,
          },
          {
            header: t("followup.diary_number"),
            cell: (m) => (
              <span class="nowrap" safe>
                {m.diaryNumber}
              </span>
            ),
          },
          {
            header: t("network.recipients"),
            cell: (m) => <span safe>{String(m.recipients)}</span>,
            numeric: true,
          },
          { header: t("network.sent_at"), cell: (m) => <span safe>{m.sentAt.slice(0, 10)}</span> },
        ]}
        rows={messages}
        empty={t("network.no_messages")}
      />
    </Layout>
  );
}
