import { Table } from "../../web/components/Table.tsx";
import type { View } from "../../web/view.ts";
import { appealEndsOn, type Decision, legalForceOn } from "../meetings.model.ts";
import { bodyLabel } from "./names.ts";

/**
 * Decisions with their §, wording and extract, and once the minutes are posted the end of the
 * appeal period and the day of legal force. `publicView` leaves out the link to the extract.
 */
export function DecisionsTable(props: {
  view: View;
  decisions: Decision[];
  units: ReadonlyMap<string, string>;
  caption?: string;
  publicView?: boolean;
}) {
  const { view, decisions, units } = props;
  const { t } = view;
  const outcome = (d: Decision) =>
    d.proposesTo
      ? `${t("meeting.outcome.proposal")}: ${t(`meeting.body.${d.proposesTo}`)}`
      : t(`meeting.outcome.${d.outcome}`);
  return (
    <Table<Decision>
      caption={props.caption ?? t("meeting.extract_decision")}
      empty={t("meeting.chain_empty")}
      rows={decisions}
      columns={[
        {
          header: t("meeting.paragraph"),
          cell: (d) => <span class="nowrap" safe>{`§ ${d.paragraph}/${d.year}`}</span>,
          rowHeader: true,
        },
        {
          header: t("meeting.body"),
          cell: (d) => <span safe>{bodyLabel(view, d.body, d.unitId, units)}</span>,
        },
        {
          header: t("meeting.decided_on"),
          cell: (d) => (
            <span class="nowrap" safe>
              {d.decidedOn}
            </span>
          ),
        },
        { header: t("meeting.outcome"), cell: (d) => <span safe>{outcome(d)}</span> },
        { header: t("meeting.text"), cell: (d) => <span safe>{d.text}</span> },
        {
          header: t("meeting.appeal_ends"),
          cell: (d) => <span safe>{d.postedOn ? appealEndsOn(d.postedOn) : t("meeting.not_posted")}</span>,
        },
        {
          header: t("meeting.legal_force"),
          cell: (d) => (
            <span safe>
              {d.postedOn
                ? t("meeting.legal_force_on", { date: legalForceOn(d.postedOn) })
                : t("meeting.not_posted")}
            </span>
          ),
        },
        ...(props.publicView
          ? []
          : [
              {
                header: t("meeting.extract"),
                cell: (d: Decision) => (
                  <a href={`/handlingar/${d.extractDocumentId}`} safe>
                    {t("meeting.extract")}
                  </a>
                ),
              },
            ]),
      ]}
    />
  );
}
