import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import type { AgendaItem, Decision } from "../meetings.model.ts";
import { DecisionsTable } from "./DecisionsTable.tsx";
import { bodyLabel } from "./names.ts";

/** A case's decision chain as a timeline: each body's decision in turn, and where the matter waits now. */
export function CaseDecisionsPage(props: {
  view: View;
  caseId: string;
  diaryNumber: string;
  title: string;
  decisions: Decision[];
  /** Agenda items not yet decided: the next step of the chain. */
  pending: AgendaItem[];
  units: ReadonlyMap<string, string>;
}) {
  const { view, decisions, pending, units } = props;
  const { t } = view;
  const title = t("meeting.chain_title", { title: props.diaryNumber });
  return (
    <Layout view={view} title={title}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href={`/arenden/${props.caseId}`} safe>
          {props.diaryNumber}
        </a>
      </nav>
      <h1 safe>{title}</h1>
      <p safe>{props.title}</p>
      <ol class="timeline">
        {decisions.map((d) => (
          <li>
            <strong safe>
              {t("meeting.chain_step", {
                body: bodyLabel(view, d.body, d.unitId, units),
                paragraph: d.paragraph,
                date: d.decidedOn,
              })}
            </strong>
            <span
              safe
            >{` – ${d.proposesTo ? t("meeting.outcome.proposal") : t(`meeting.outcome.${d.outcome}`)}: ${d.text} `}</span>
            <a href={`/handlingar/${d.extractDocumentId}`} safe>
              {t("meeting.extract")}
            </a>
          </li>
        ))}
        {pending.map((i) => (
          <li>
            {i.meetingId ? (
              <a href={`/moten/${i.meetingId}`} safe>
                {`${t("meeting.agenda_title")}: ${bodyLabel(view, i.body, i.unitId, units)}`}
              </a>
            ) : (
              <span safe>{t("meeting.waiting", { body: bodyLabel(view, i.body, i.unitId, units) })}</span>
            )}
          </li>
        ))}
      </ol>
      {decisions.length + pending.length === 0 ? <p safe>{t("meeting.chain_empty")}</p> : null}
      <DecisionsTable view={view} decisions={decisions} units={units} />
      <p>
        <a href="/moten" safe>
          {t("meeting.list_title")}
        </a>
      </p>
    </Layout>
  );
}
