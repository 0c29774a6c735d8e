import type { AuditEvent } from "../../platform/audit/audit.model.ts";
import type { View } from "../view.ts";

/** An audit event's recorded change, folded away: the snapshots before and after as stored. */
export function AuditChange({ view, event }: { view: View; event: AuditEvent }) {
  const { t } = view;
  return (
    <details>
      <summary safe>{t("audit.show_change")}</summary>
      <pre
        safe
      >{`${t("audit.before")}: ${event.before_json ?? "–"}\n${t("audit.after")}: ${event.after_json ?? "–"}`}</pre>
    </details>
  );
}
