import type { FieldError } from "../../platform/errors.ts";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Form } from "../../web/components/Form.tsx";
import { Table } from "../../web/components/Table.tsx";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";
import { BODIES, type Meeting } from "../meetings.model.ts";
import { bodyLabel } from "./names.ts";

/** The bodies' meetings, latest first, and the form to create one. */
export function MeetingsPage(props: {
  view: View;
  meetings: Meeting[];
  /** Committees and company boards: the units that meet as a body (id → name). */
  units: ReadonlyMap<string, string>;
  canManage: boolean;
  values: Record<string, string>;
  errors: FieldError[];
}) {
  const { view, meetings, units, values, errors } = props;
  const { t } = view;
  return (
    <Layout view={view} title={t("meeting.list_title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("meeting.list_title")}</h1>
      <p>
        <a href="/delegationsbeslut" safe>
          {t("meeting.delegation_title")}
        </a>
        {" · "}
        <a href="/offentlig/anslagstavla" safe>
          {t("meeting.notice_board_title")}
        </a>
      </p>
      <Table<Meeting>
        caption={t("meeting.list_title")}
        empty={t("meeting.none")}
        rows={meetings}
        columns={[
          {
            header: t("meeting.date"),
            cell: (m) => (
              <a href={`/moten/${m.id}`} safe>
                {m.meetingDate}
              </a>
            ),
            rowHeader: true,
          },
          {
            header: t("meeting.body"),
            cell: (m) => <span safe>{bodyLabel(view, m.body, m.unitId, units)}</span>,
          },
          { header: t("meeting.place"), cell: (m) => <span safe>{m.place}</span> },
          { header: t("meeting.posted_on"), cell: (m) => <span safe>{m.postedOn ?? "–"}</span> },
        ]}
      />
      {props.canManage ? (
        <>
          <h2 safe>{t("meeting.create_title")}</h2>
          <Form view={view} action="/moten">
            <Field
              view={view}
              name="body"
              label={t("meeting.body")}
              value={values.body}
              errors={errors}
              options={[["", ""], ...BODIES.map((b): [string, string] => [b, t(`meeting.body.${b}`)])]}
            />
            <Field
              view={view}
              name="unitId"
              label={t("meeting.unit")}
              hint={t("meeting.unit_hint")}
              value={values.unitId}
              errors={errors}
              options={[["", ""], ...units]}
            />
            <DateInput
              view={view}
              name="meetingDate"
              legend={t("meeting.date")}
              value={values.meetingDate}
              errors={errors}
            />
            <Field view={view} name="place" label={t("meeting.place")} value={values.place} errors={errors} />
            <button type="submit" safe>
              {t("meeting.create")}
            </button>
          </Form>
        </>
      ) : null}
    </Layout>
  );
}
