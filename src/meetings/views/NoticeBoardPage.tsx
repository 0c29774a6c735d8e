import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { appealEndsOn, type Decision, type Meeting } from "../meetings.model.ts";
import { DecisionsTable } from "./DecisionsTable.tsx";
import { bodyLabel } from "./names.ts";

/** The city's digital notice board (anslagstavla): posted minutes, their appeal period and each decision's legal force. */
export function NoticeBoardPage(props: {
  view: View;
  posted: { meeting: Meeting; decisions: Decision[] }[];
  units: ReadonlyMap<string, string>;
}) {
  const { view, posted, units } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("meeting.notice_board_title")}>
      <h1 safe>{t("meeting.notice_board_title")}</h1>
      <p safe>{t("meeting.notice_board_intro")}</p>
      {posted.length === 0 ? <p safe>{t("meeting.notice_board_empty")}</p> : null}
      {posted.map(({ meeting: m, decisions }) => {
        const heading = t("meeting.title", {
          body: bodyLabel(view, m.body, m.unitId, units),
          date: m.meetingDate,
        });
        return (
          <section>
            <h2 safe>{heading}</h2>
            <p safe>
              {t("meeting.posted_line", { date: m.postedOn ?? "", end: appealEndsOn(m.postedOn ?? "") })}
            </p>
            <DecisionsTable view={view} decisions={decisions} units={units} caption={heading} publicView />
          </section>
        );
      })}
    </Layout>
  );
}
