/**
 * Civil dates: days of the calendar written `YYYY-MM-DD`, with no time of day and no zone.
 * Registry dates, deadlines and holidays are civil dates. An instant (`Date`) becomes one only
 * through a zone, so the two functions that do it name theirs. Arithmetic runs on UTC midnights,
 * where no day has 23 or 25 hours (no DST).
 */

/** A day of the calendar written `YYYY-MM-DD`. */
export type CivilDate = string;

const DAY_MS = 86_400_000;

const stockholmDay = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The civil date in Stockholm at an instant: registry dates are Swedish days. */
export const stockholmDate = (instant: Date): CivilDate => stockholmDay.format(instant);

const stockholmMinute = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An instant as Stockholm's wall clock shows it, `YYYY-MM-DD HH:MM`: how pages show when something happened. */
export const stockholmDateTime = (instant: Date): string => stockholmMinute.format(instant);

/** The civil date in UTC at an instant. */
export const utcDate = (instant: Date): CivilDate => instant.toISOString().slice(0, 10);

const utcMidnight = (date: CivilDate): Date => new Date(`${date}T00:00:00Z`);

/** The civil date of a year, a month (1–12) and a day of the month, not checked. */
export const civilDate = (year: number, month: number, day: number): CivilDate =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

/** True for a real calendar date written `YYYY-MM-DD` (no 2026-02-30, no 2026-13-01). */
export function isCivilDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const start = utcMidnight(value);
  return !Number.isNaN(start.getTime()) && utcDate(start) === value;
}

/** The day of the week, 0 for Sunday to 6 for Saturday. */
export const dayOfWeek = (date: CivilDate): number => utcMidnight(date).getUTCDay();

/** The date `days` days later (earlier when negative). */
export const addCivilDays = (date: CivilDate, days: number): CivilDate =>
  utcDate(new Date(utcMidnight(date).getTime() + days * DAY_MS));

/** Whole days from `from` to `to`, negative when `to` is earlier. */
export const daysBetween = (from: CivilDate, to: CivilDate): number =>
  Math.round((utcMidnight(to).getTime() - utcMidnight(from).getTime()) / DAY_MS);

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The same day of the month `months` months later (earlier when negative), or that month's last
 * day when the day does not exist there: 2026-01-31 + 1 month = 2026-02-28.
 */
export function addCivilMonths(date: CivilDate, months: number): CivilDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return civilDate(year, month, Math.min(d, daysInMonth(year, month)));
}

/** The same date `years` years later (earlier when negative); 29 February falls back to 28 February. */
export const addCivilYears = (date: CivilDate, years: number): CivilDate => addCivilMonths(date, 12 * years);
