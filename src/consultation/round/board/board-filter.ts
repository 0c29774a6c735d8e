import {
  type ConsultationDetails,
  LIST_GROUPS,
  RECIPIENT_STATES,
  type RecipientState,
} from "../consultation.model.ts";
import { isLate } from "../tracking.ts";

/** What the tracking board can be filtered by: everyone, the late ones, or one state. */
export type BoardFilter = "all" | "late" | RecipientState;

export const parseBoardFilter = (value: unknown): BoardFilter =>
  value === "late" || (RECIPIENT_STATES as readonly unknown[]).includes(value)
    ? (value as BoardFilter)
    : "all";

/** How many bodies each filter shows. */
export function boardCounts(k: ConsultationDetails): Record<BoardFilter, number> {
  const all = LIST_GROUPS.flatMap((g) => k.recipients[g]);
  const counts = { all: all.length, late: all.filter((r) => isLate(r.state)).length } as Record<
    BoardFilter,
    number
  >;
  for (const s of RECIPIENT_STATES) counts[s] = all.filter((r) => r.state === s).length;
  return counts;
}
