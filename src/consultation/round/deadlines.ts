/**
 * Consultation (remiss) deadlines, domain.md §4a: periods, the last-day rule of Act 1930:173 and
 * the warnings an officer sees before sending. Pure functions over civil dates `YYYY-MM-DD`; the
 * caller passes the send date (no clock here). Holidays and working days come from
 * `platform/calendar/swedish-days.ts`, whose working day already excludes Midsummer Eve,
 * Christmas Eve and New Year's Eve.
 */
import {
  addCivilDays,
  addCivilMonths,
  type CivilDate,
  civilDate,
  daysBetween,
  isCivilDate,
} from "../../platform/calendar/civil-date.ts";
import { isWorkingDay, nextWorkingDay } from "../../platform/calendar/swedish-days.ts";

/** A period counted in whole weeks or whole calendar months (zero or more). */
export type Period = { weeks: number } | { months: number };

/** Default shortest consultation time before a warning (`KANSLI_CONSULTATION_MIN_WEEKS`). */
export const DEFAULT_MINIMUM_WEEKS = 6;

function checked(value: string, name: string): CivilDate {
  if (!isCivilDate(value)) throw new RangeError(`${name}: "${value}" is not a date YYYY-MM-DD`);
  return value;
}

function count(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name}: ${value} is not a whole number of zero or more`);
  }
  return value;
}

/**
 * The plain end of a period, before the last-day rule: in weeks, the same weekday; in months,
 * the same date, or the final month's last day when that date does not exist there
 * (2026-01-31 + 1 month = 2026-02-28; 2024-01-31 + 1 month = 2024-02-29).
 */
export function addPeriod(from: string, period: Period): string {
  const start = checked(from, "from");
  if ("weeks" in period) return addCivilDays(start, 7 * count(period.weeks, "weeks"));
  return addCivilMonths(start, count(period.months, "months"));
}

/**
 * Act 1930:173: a last day on a Saturday, Sunday, public holiday, Midsummer Eve, Christmas Eve
 * or New Year's Eve moves to the next working day. A working day stays as it is. The move is at
 * most 5 days (Christmas Eve on a Wednesday moves to the Monday; 22 December on a Saturday to
 * the Thursday); around Easter at most 4 (Good Friday to the Tuesday).
 */
export function lastDayRule(date: string): string {
  checked(date, "date");
  return nextWorkingDay(date);
}

/** The deadline to propose for a consultation sent on `sentOn` with `weeks` to answer. */
export function proposeDeadline(sentOn: string, weeks: number): string {
  return lastDayRule(addPeriod(sentOn, { weeks }));
}

/** Reasons a deadline cannot be used at all. */
export type DeadlineError =
  | { code: "invalid_date"; field: "sentOn" | "deadline"; value: string }
  | { code: "not_after_sending"; sentOn: string; deadline: string }
  | { code: "not_a_working_day"; deadline: string; nextWorkingDay: string };

/** Advice shown before sending; the officer may go ahead anyway. */
export type DeadlineWarning =
  /** `weeks`: the time given, in weeks to one decimal (30 days = 4.3). */
  | { code: "shorter_than_minimum"; weeks: number; minimumWeeks: number }
  /** `julyDays`: how many days of July (the Swedish holiday month) the time includes. */
  | { code: "spans_july"; julyDays: number };

export interface DeadlineOptions {
  minimumWeeks?: number;
}

/** The blocking errors of a deadline: an unreadable date, not after the send date, not a working day. */
export function deadlineErrors(sentOn: string, deadline: string): DeadlineError[] {
  const errors: DeadlineError[] = [];
  if (!isCivilDate(sentOn)) errors.push({ code: "invalid_date", field: "sentOn", value: sentOn });
  if (!isCivilDate(deadline)) errors.push({ code: "invalid_date", field: "deadline", value: deadline });
  if (errors.length > 0) return errors;
  if (deadline <= sentOn) errors.push({ code: "not_after_sending", sentOn, deadline });
  if (!isWorkingDay(deadline)) {
    errors.push({ code: "not_a_working_day", deadline, nextWorkingDay: nextWorkingDay(deadline) });
  }
  return errors;
}

/** Days of July in [from, to], both included. */
function julyDaysIn(from: string, to: string): number {
  let days = 0;
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    const first = civilDate(year, 7, 1);
    const last = civilDate(year, 7, 31);
    const start = from > first ? from : first;
    const end = to < last ? to : last;
    if (start <= end) days += daysBetween(start, end) + 1;
  }
  return days;
}

/**
 * Warnings for a deadline (dates must be valid; see `deadlineErrors` for what blocks):
 * - `shorter_than_minimum` when the deadline is before the plain end of `minimumWeeks` weeks from
 *   `sentOn`. A deadline the last-day rule moved past that end is not short.
 * - `spans_july` when the time from `sentOn` to `deadline`, both included, has a day of July.
 */
export function deadlineWarnings(
  sentOn: string,
  deadline: string,
  { minimumWeeks = DEFAULT_MINIMUM_WEEKS }: DeadlineOptions = {},
): DeadlineWarning[] {
  const warnings: DeadlineWarning[] = [];
  const days = daysBetween(checked(sentOn, "sentOn"), checked(deadline, "deadline"));
  if (deadline < addPeriod(sentOn, { weeks: minimumWeeks })) {
    warnings.push({ code: "shorter_than_minimum", weeks: Math.round((days / 7) * 10) / 10, minimumWeeks });
  }
  const julyDays = days < 0 ? 0 : julyDaysIn(sentOn, deadline);
  if (julyDays > 0) warnings.push({ code: "spans_july", julyDays });
  return warnings;
}

export type DeadlineCheck =
  | { ok: true; warnings: DeadlineWarning[] }
  | { ok: false; errors: DeadlineError[] };

/** Errors first: a deadline with any error is refused; otherwise it is accepted with its warnings. */
export function checkDeadline(
  sentOn: string,
  deadline: string,
  options: DeadlineOptions = {},
): DeadlineCheck {
  const errors = deadlineErrors(sentOn, deadline);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, warnings: deadlineWarnings(sentOn, deadline, options) };
}
