import type { FailedForm } from "../../auth/index.ts";
import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { type AgendaItem, appealEndsOn, type Decision, type Meeting } from "../meetings.model.ts";
import type { AgendaCandidate } from "../meetings.service.ts";
import { DecisionsTable } from "./DecisionsTable.tsx";
import { bodyLabel } from "./names.ts";

/** A meeting: its agenda with each item's decision, the agenda as Word, and the forms to add an item and to post the minutes. */
export function MeetingPage(props: {
  view: View;
  meeting: Meeting;
  agenda: AgendaItem[];
  decisions: Decision[];
  units: ReadonlyMap<string, string>;
  canManage: boolean;
  /** The approved reports not yet on an agenda: the cases the form offers. */
  candidates: AgendaCandidate[];
  failed: FailedForm<"item" | "post"> | null;
}) {
  const { view, meeting: m, agenda, decisions, units, failed } = props;
  const { t } = view;
  const title = t("meeting.title", { body: bodyLabel(view, m.body, m.unitId, units), date: m.meetingDate });
  const errors = failed?.errors ?? [];
  const item = failed?.form === "item" ? failed.values : {};
  const paragraphOf = new Map(decisions.map((d) => [d.id, d]));
  const open = props.canManage && m.postedOn === null;
  return (
    <Layout view={view} title={title} hasErrors={errors.length > 0}>
      <nav aria-label={t("layout.breadcrumbs")} class="breadcrumbs">
        <a href="/moten" safe>
          {t("meeting.list_title")}
        </a>
      </nav>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{title}</h1>
      <p safe>{`${t("meeting.place")}: ${m.place}`}</p>
      {m.postedOn ? (
        <p safe>{t("meeting.posted_line", { date: m.postedOn, end: appealEndsOn(m.postedOn) })}</p>
      ) : null}
      <h2 safe>{t("meeting.agenda_title")}</h2>
      <p>
        <a href={`/moten/${m.id}/foredragningslista.docx`} safe>
          {t("meeting.agenda_download")}
        </a>
      </p>
      <Table<AgendaItem>
        caption={t("meeting.agenda_title")}
        empty={t("meeting.agenda_empty")}
        rows={agenda}
        columns={[
          { header: t("meeting.item"), cell: (i) => <span safe>{String(i.position)}</span>, numeric: true },
          { header: t("meeting.item_title"), cell: (i) => <span safe>{i.title}</span>, rowHeader: true },
          {
            header: t("meeting.diary_number"),
            cell: (i) => (
              <a href={`/arenden/${i.caseId}/beslut`} safe>
                {i.diaryNumber}
              </a>
            ),
          },
          {
            header: t("meeting.underlag"),
            cell: (i) => (
              <a href={`/handlingar/${i.documentId}`} safe>
                {t("meeting.underlag")}
              </a>
            ),
          },
          {
            header: t("meeting.outcome"),
            cell: (i) => {
              const d = i.decisionId ? paragraphOf.get(i.decisionId) : undefined;
              if (d) return <span safe>{t("meeting.decided", { paragraph: d.paragraph })}</span>;
              return open ? (
                <a href={`/moten/punkter/${i.id}/beslut`} safe>
                  {t("meeting.record_decision")}
                </a>
              ) : (
                <span>–</span>
              );
            },
          },
        ]}
      />
      <DecisionsTable view={view} decisions={decisions} units={units} />
      {open ? (
        <>
          <h2 safe>{t("meeting.add_item_title")}</h2>
          <Form view={view} action={`/moten/${m.id}/punkter`}>
            <Field
              view={view}
              name="documentId"
              label={t("meeting.underlag_field")}
              hint={t(props.candidates.length > 0 ? "meeting.underlag_hint" : "meeting.underlag_none")}
              options={[
                ["", t("meeting.underlag_choose")],
                ...props.candidates.map((c): [string, string] => [
                  c.documentId,
                  `${c.diaryNumber} – ${c.title} (${t("meeting.underlag_approved", { date: stockholmDate(new Date(c.approvedAt)) })})`,
                ]),
              ]}
              value={item.documentId}
              errors={errors}
            />
            <Field
              view={view}
              name="title"
              label={t("meeting.item_title")}
              hint={t("meeting.item_title_hint")}
              value={item.title}
              errors={errors}
            />
            <button type="submit" safe>
              {t("meeting.add_item")}
            </button>
          </Form>
          <h2 safe>{t("meeting.post_title")}</h2>
          <Form view={view} action={`/moten/${m.id}/anslag`}>
            <DateInput
              view={view}
              name="postedOn"
              legend={t("meeting.posted_on")}
              value={failed?.form === "post" ? failed.values.postedOn : undefined}
              errors={errors}
            />
            <button type="submit" class="secondary" safe>
              {t("meeting.post")}
            </button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
