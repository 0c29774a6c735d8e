import { Table } from "../../../../web/components/Table.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import type { InboxItem } from "../inbox.ts";

/** The consultations sent to the user's unit, newest first, each with the unit's state. */
export function InboxPage({ view, items }: { view: View; items: InboxItem[] }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("round.inbox_title")}>
      <h1 safe>{t("round.inbox_title")}</h1>
      <Table<InboxItem>
        caption={t("round.inbox_caption")}
        columns={[
          {
            header: t("consultation.title"),
            cell: (i) => (
              <a href={`/remissvar/${i.recipientId}`} safe>
                {i.title}
              </a>
            ),
            rowHeader: true,
          },
          {
            header: t("round.diary_number"),
            cell: (i) => (
              <span class="nowrap" safe>
                {i.diaryNumber}
              </span>
            ),
          },
          {
            header: t("consultation.deadline"),
            cell: (i) => (
              <span class="nowrap" safe>
                {i.deadline}
              </span>
            ),
          },
          {
            header: t("consultation.recipient_state"),
            cell: (i) => <span safe>{t(`consultation.recipient_state.${i.state}`)}</span>,
          },
        ]}
        rows={items}
        empty={t("round.inbox_empty")}
      />
    </Layout>
  );
}
