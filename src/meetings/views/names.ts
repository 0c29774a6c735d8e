import type { View } from "../../web/view.ts";
import type { Body } from "../meetings.model.ts";

/** A body's name on a page: a committee or board by its unit's name. */
export const bodyLabel = (
  view: View,
  body: Body,
  unitId: string | null,
  units: ReadonlyMap<string, string>,
) => (body === "UNIT" && unitId ? (units.get(unitId) ?? unitId) : view.t(`meeting.body.${body}`));
