/**
 * Swedish public holidays (Act 1989:253) and working days, computed for any year.
 * Dates are civil dates `YYYY-MM-DD`; arithmetic is done in UTC to stay clear of DST.
 */

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
export const iso = (d: Date) => d.toISOString().slice(0, 10);
export const parseDate = (s: string) => new Date(`${s}T00:00:00Z`);
export const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** Easter Sunday (Anonymous Gregorian algorithm). */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return day(year, month, dayOfMonth);
}

/** The Saturday in [from, from + 6] of a month: Midsummer Day and All Saints' Day fall so. */
const saturdayFrom = (y: number, m: number, d: number) => {
  const start = day(y, m, d);
  return addDays(start, (6 - start.getUTCDay() + 7) % 7);
};

/** Public holidays of a year, by date. Whit Monday is not one since 2005. */
export function publicHolidays(year: number): Map<string, string> {
  const easter = easterSunday(year);
  const entries: [Date, string][] = [
    [day(year, 1, 1), "Nyårsdagen"],
    [day(year, 1, 6), "Trettondedag jul"],
    [addDays(easter, -2), "Långfredagen"],
    [easter, "Påskdagen"],
    [addDays(easter, 1), "Annandag påsk"],
    [day(year, 5, 1), "Första maj"],
    [addDays(easter, 39), "Kristi himmelsfärdsdag"],
    [addDays(easter, 49), "Pingstdagen"],
    [day(year, 6, 6), "Sveriges nationaldag"],
    [saturdayFrom(year, 6, 20), "Midsommardagen"],
    [saturdayFrom(year, 10, 31), "Alla helgons dag"],
    [day(year, 12, 25), "Juldagen"],
    [day(year, 12, 26), "Annandag jul"],
  ];
  return new Map(entries.map(([d, name]) => [iso(d), name]));
}

/** Days that are not holidays but on which a deadline does not end (Act 1930:173). */
function eves(year: number): Set<string> {
  return new Set([
    iso(addDays(saturdayFrom(year, 6, 20), -1)),
    iso(day(year, 12, 24)),
    iso(day(year, 12, 31)),
  ]);
}

export function isPublicHoliday(date: string): boolean {
  return publicHolidays(Number(date.slice(0, 4))).has(date);
}

/** A working day: not a weekend, public holiday, Midsummer Eve, Christmas Eve or New Year's Eve. */
export function isWorkingDay(date: string): boolean {
  const d = parseDate(date);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const year = d.getUTCFullYear();
  return !publicHolidays(year).has(date) && !eves(year).has(date);
}

export function nextWorkingDay(date: string): string {
  let d = parseDate(date);
  while (!isWorkingDay(iso(d))) d = addDays(d, 1);
  return iso(d);
}

export function previousWorkingDay(date: string): string {
  let d = addDays(parseDate(date), -1);
  while (!isWorkingDay(iso(d))) d = addDays(d, -1);
  return iso(d);
}
