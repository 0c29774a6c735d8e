/**
 * A body that cannot answer in time asks the officer for more time (domain.md §4); a granted
 * extension gives the body its own later deadline, the round's own deadline stays.
 */
import { z } from "zod";
import { isWorkingDay, nextWorkingDay } from "../../../platform/calendar/swedish-days.ts";
import type { FieldError } from "../../../platform/errors.ts";
import { blankToUndefined } from "../../../platform/validation.ts";

export const extensionRequestSchema = z.strictObject({
  until: z.iso.date({ error: "round.until_format" }),
  reason: z
    .string({ error: "round.reason_required" })
    .trim()
    .min(1, { error: "round.reason_required" })
    .max(5000),
});

export const extensionDecisionSchema = z.strictObject({
  decision: z.enum(["grant", "refuse"], { error: "round.decision_required" }),
  until: z.preprocess(blankToUndefined, z.iso.date({ error: "round.until_format" }).optional()),
  comment: z.preprocess(blankToUndefined, z.string().trim().max(5000).optional()),
});

/** A later date must be a working day after the body's current deadline. */
export function laterDeadlineErrors(until: string, current: string): FieldError[] {
  if (until <= current)
    return [{ field: "until", message: "round.until_after_deadline", params: { deadline: current } }];
  if (!isWorkingDay(until))
    return [
      {
        field: "until",
        message: "consultation.deadline_not_working_day",
        params: { next: nextWorkingDay(until) },
      },
    ];
  return [];
}

/** A refusal gives the body its reason. */
export const refusalErrors = (granted: boolean, comment: string | undefined): FieldError[] =>
  !granted && !comment ? [{ field: "comment", message: "round.refusal_reason_required" }] : [];
