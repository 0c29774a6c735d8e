import { z } from "zod";
import type { FieldError } from "../../../platform/errors.ts";
import { readForm } from "../../../platform/validation.ts";
import type { Meeting } from "../send/letters.ts";

/** What the officer fills in to call the bodies to a consultation meeting. */
const meetingSchema = z.strictObject({
  date: z.iso.date({ error: "round.meeting_date_format" }),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "round.meeting_time_format" }),
  place: z.string().trim().min(1).max(500),
  note: z.string().trim().max(2000).optional(),
  /** A checkbox: mail the invitation to the bodies as well. */
  mail: z.literal("yes").optional(),
});

/** A meeting read from the form, every problem at once; a meeting is not called for a day already past. */
export function readMeeting(
  input: unknown,
  today: string,
): { meeting: Meeting; mail: boolean; errors: [] } | { meeting: undefined; errors: FieldError[] } {
  const { data, errors } = readForm(meetingSchema, input);
  // Checked on its own, so a day in the past is reported with the form's other problems.
  const date = meetingSchema.shape.date.safeParse((input as Record<string, unknown> | null)?.date);
  const past =
    date.success && date.data < today
      ? [{ field: "date", message: "round.meeting_date_past", params: { today } }]
      : [];
  if (!data || past.length > 0) return { meeting: undefined, errors: [...errors, ...past] };
  const { mail, ...meeting } = data;
  return { meeting, mail: mail === "yes", errors: [] };
}
