import type { AuditEvent } from "../../platform/audit/audit.model.ts";
import type { FieldError } from "../../platform/errors.ts";
import { AuditChange } from "../../web/components/AuditChange.tsx";
import { DateInput } from "../../web/components/DateInput.tsx";
import { ErrorSummary } from "../../web/components/ErrorSummary.tsx";
import { eventColumns } from "../../web/components/EventColumns.tsx";
import { Field } from "../../web/components/Field.tsx";
import { Pagination } from "../../web/components/Pagination.tsx";
import { Table } from "../../web/components/Table.tsx";
import { eventName } from "../../web/event-name.ts";
import { Layout } from "../../web/Layout.tsx";
import type { View } from "../../web/view.ts";

export interface AuditLogFilter {
  actor?: string | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: number | undefined;
}

function withQuery(query: Record<string, unknown>, changes: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes })) {
    if (typeof v === "string" && v !== "") params.set(k, v);
  }
  const qs = params.toString();
  return qs ? `/admin/logg?${qs}` : "/admin/logg";
}

export function AuditLogPage(props: {
  view: View;
  events: AuditEvent[];
  /** Names of the people in the events, by user id. */
  people: ReadonlyMap<string, string>;
  hasMore: boolean;
  actions: string[];
  filter: AuditLogFilter;
  query: Record<string, unknown>;
  errors: FieldError[];
}) {
  const { view, events, people, hasMore, actions, filter, query, errors } = props;
  const { t } = view;
  const last = events.at(-1);
  return (
    <Layout view={view} title={t("audit.title")} hasErrors={errors.length > 0}>
      <ErrorSummary view={view} errors={errors} />
      <h1 safe>{t("audit.title")}</h1>
      <form method="get" action="/admin/logg" class="filters" novalidate>
        <Field view={view} name="actor" label={t("audit.actor")} value={filter.actor} errors={errors} />
        <Field
          view={view}
          name="action"
          label={t("audit.action")}
          value={filter.action}
          errors={errors}
          options={[
            ["", t("audit.any_action")],
            ...actions.map((a): [string, string] => [a, eventName(t, a)]),
          ]}
        />
        <Field
          view={view}
          name="subjectType"
          label={t("audit.subject_type")}
          value={filter.subjectType}
          errors={errors}
        />
        <DateInput view={view} name="from" legend={t("audit.from")} value={filter.from} errors={errors} />
        <DateInput view={view} name="to" legend={t("audit.to")} value={filter.to} errors={errors} />
        <button type="submit" class="button" safe>
          {t("audit.filter")}
        </button>
      </form>
      <Table
        caption={t("audit.caption")}
        empty={t("audit.none")}
        rows={events}
        columns={[
          { header: "#", cell: (e) => <span safe>{String(e.seq)}</span>, rowHeader: true, numeric: true },
          ...eventColumns(view, people),
          {
            header: t("audit.subject"),
            cell: (e) => <span safe>{`${e.subject_type} ${e.subject_id ?? ""}`}</span>,
          },
          {
            header: t("audit.change"),
            cell: (e) => <AuditChange view={view} event={e} />,
          },
        ]}
      />
      <Pagination
        view={view}
        firstHref={filter.before ? withQuery(query, { before: undefined }) : null}
        nextHref={hasMore && last ? withQuery(query, { before: String(last.seq) }) : null}
      />
    </Layout>
  );
}
