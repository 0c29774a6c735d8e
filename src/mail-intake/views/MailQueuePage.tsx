import type { ActorView } from "../../auth/index.ts";
import { stockholmDateTime } from "../../platform/calendar/civil-date.ts";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { ReceivedMail } from "../received-mail.model.ts";

/** The received-mail queue (`/post`): what the registry's mailbox could not register on its own, oldest first. */
export function MailQueuePage({ view, queue }: { view: ActorView; queue: ReceivedMail[] }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("mail.title")}>
      <h1 safe>{t("mail.title")}</h1>
      <p safe>{t("mail.intro")}</p>
      <Table
        caption={t("mail.title")}
        empty={t("mail.empty")}
        rows={queue}
        columns={[
          {
            header: t("mail.subject"),
            rowHeader: true,
            cell: (m) => (
              <a href={`/post/${m.id}`} safe>
                {m.subject || t("mail.no_subject")}
              </a>
            ),
          },
          { header: t("mail.from"), cell: (m) => <span safe>{m.fromAddress ?? ""}</span> },
          {
            header: t("mail.received"),
            cell: (m) => <span safe>{stockholmDateTime(new Date(m.receivedAt))}</span>,
          },
          {
            header: t("mail.reason"),
            cell: (m) =>
              m.queueReason ? (
                <span safe>
                  {m.intakeError
                    ? `${t(`mail.queue_reason.${m.queueReason}`)}: ${m.intakeError}`
                    : t(`mail.queue_reason.${m.queueReason}`)}
                </span>
              ) : (
                ""
              ),
          },
          { header: t("mail.attachments"), numeric: true, cell: (m) => String(m.attachments.length) },
        ]}
      />
    </Layout>
  );
}
