import { addCivilDays } from "../../../platform/calendar/civil-date.ts";
import type { RecipientState } from "../consultation.model.ts";

/** States in which a body is still expected to answer and so is reminded. */
const REMINDED: ReadonlySet<RecipientState> = new Set(["sent", "opened", "extension_granted", "no_answer"]);

export const isReminded = (state: RecipientState): boolean => REMINDED.has(state);

export interface DueReminder {
  kind: "before" | "after";
  /** Unique per body: the same reminder for the same deadline is never sent twice. */
  key: string;
}

/**
 * The reminders due for a body on `today`, at most one of each kind: before the deadline the one
 * nearest to it whose day has come, after it the latest whose day has come. A process that was
 * down for a while so sends the reminder that fits now, not every one it missed. The deadline is
 * part of the key, so a granted extension starts the body's reminders afresh.
 */
export function dueReminders(
  today: string,
  deadline: string,
  daysBefore: readonly number[],
  daysAfter: readonly number[],
): DueReminder[] {
  const due: DueReminder[] = [];
  if (today < deadline) {
    const before = daysBefore.filter((d) => addCivilDays(deadline, -d) <= today);
    if (before.length > 0) due.push({ kind: "before", key: `before:${Math.min(...before)}:${deadline}` });
  } else {
    const after = daysAfter.filter((d) => addCivilDays(deadline, d) <= today);
    if (after.length > 0) due.push({ kind: "after", key: `after:${Math.max(...after)}:${deadline}` });
  }
  return due;
}
