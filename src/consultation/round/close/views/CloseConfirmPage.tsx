import { ActionButton } from "../../../../web/components/Form.tsx";
import { Table } from "../../../../web/components/Table.tsx";
import { Layout } from "../../../../web/Layout.tsx";
import type { View } from "../../../../web/view.ts";
import type { Consultation } from "../../consultation.model.ts";
import type { BodyAtClosing } from "../close.rules.ts";

/** Asks the officer to confirm closing a round early, naming the bodies that have not answered and their deadlines. */
export function CloseConfirmPage(props: {
  view: View;
  consultation: Consultation;
  waiting: BodyAtClosing[];
}) {
  const { view, consultation: k, waiting } = props;
  const { t } = view;
  const base = `/remisser/${k.id}`;
  const title = t("round.close_confirm_title", { title: k.title });
  return (
    <Layout view={view} title={title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={base} safe>
          {k.title}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      <p class="notice" safe>
        {t("round.close_confirm_text", { deadline: k.deadline })}
      </p>
      <Table<BodyAtClosing>
        caption={t("round.close_confirm_caption", { count: waiting.length })}
        columns={[
          { header: t("consultation.recipient"), cell: (b) => <span safe>{b.name}</span>, rowHeader: true },
          { header: t("consultation.deadline"), cell: (b) => <span safe>{b.deadline}</span> },
          {
            header: t("consultation.recipient_state"),
            cell: (b) => <span safe>{t(`consultation.recipient_state.${b.state}`)}</span>,
          },
        ]}
        rows={waiting}
        empty=""
      />
      <ActionButton
        view={view}
        action={`${base}/avsluta`}
        label={t("round.close_confirm_button")}
        hidden={{ confirm: "yes" }}
      />
      <p>
        <a href={base} safe>
          {t("round.close_cancel")}
        </a>
      </p>
    </Layout>
  );
}
