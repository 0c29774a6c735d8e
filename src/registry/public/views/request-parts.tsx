import { stockholmDateTime } from "../../../platform/calendar/civil-date.ts";
import type { View } from "../../../web/view.ts";
import type { CopyRequestView } from "../copy-requests.service.ts";

export const requestPath = (id: string) => `/begaranden/${id}`;

/** An instant as a Stockholm reader's clock shows it: "2026-12-07 09:15". */
export const stockholmTime = (iso: string): string => stockholmDateTime(new Date(iso));

/** Waiting for a decision, or the decision made. */
export function StateText(props: { view: View; request: CopyRequestView }) {
  const { t } = props.view;
  const { outcome } = props.request;
  return <span safe>{outcome ? t(`requests.outcome.${outcome}`) : t("requests.state.new")}</span>;
}

/** Received to decided, or how long it has waited so far. */
export function Duration(props: { view: View; request: CopyRequestView }) {
  const { t } = props.view;
  const { handlingTime, handled_at } = props.request;
  const text = t("requests.duration", handlingTime);
  return <span safe>{handled_at ? text : `${t("requests.waiting_time")} ${text}`}</span>;
}
