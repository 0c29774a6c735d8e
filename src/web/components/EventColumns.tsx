import type { AuditEvent } from "../../platform/audit/audit.model.ts";
import { stockholmDateTime } from "../../platform/calendar/civil-date.ts";
import { eventName } from "../event-name.ts";
import type { View } from "../view.ts";
import type { Column } from "./Table.tsx";

/**
 * The columns every list of audit events starts with: when (Stockholm's wall clock), who (the
 * person's name, their username where the name is not known) and what (the event's name).
 */
export function eventColumns(view: View, people: ReadonlyMap<string, string>): Column<AuditEvent>[] {
  const { t } = view;
  return [
    {
      header: t("audit.time"),
      cell: (e) => (
        <time class="nowrap" datetime={e.occurred_at} safe>
          {stockholmDateTime(new Date(e.occurred_at))}
        </time>
      ),
      rowHeader: true,
    },
    {
      header: t("audit.actor"),
      cell: (e) => <span safe>{(e.actor_id && people.get(e.actor_id)) || e.actor_label}</span>,
    },
    { header: t("audit.action"), cell: (e) => <span safe>{eventName(t, e.action)}</span> },
  ];
}
