/**
 * Swedish public holidays (Act 1989:253) and working days, computed for any year, over civil
 * dates `YYYY-MM-DD` (see `civil-date.ts`).
 */
import { addCivilDays, type CivilDate, civilDate, dayOfWeek } from "./civil-date.ts";

/** Easter Sunday (Anonymous Gregorian algorithm). */
export function easterSunday(year: number): CivilDate {
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
  return civilDate(year, month, dayOfMonth);
}

/** The Saturday in [from, from + 6] of a month: Midsummer Day and All Saints' Day fall so. */
const saturdayFrom = (y: number, m: number, d: number) => {
  const start = civilDate(y, m, d);
  return addCivilDays(start, (6 - dayOfWeek(start) + 7) % 7);
};

/** Public holidays of a year, by date. Whit Monday is not one since 2005. */
export function publicHolidays(year: number): Map<CivilDate, string> {
  const easter = easterSunday(year);
  return new Map([
    [civilDate(year, 1, 1), "Nyårsdagen"],
    [civilDate(year, 1, 6), "Trettondedag jul"],
    [addCivilDays(easter, -2), "Långfredagen"],
    [easter, "Påskdagen"],
    [addCivilDays(easter, 1), "Annandag påsk"],
    [civilDate(year, 5, 1), "Första maj"],
    [addCivilDays(easter, 39), "Kristi himmelsfärdsdag"],
    [addCivilDays(easter, 49), "Pingstdagen"],
    [civilDate(year, 6, 6), "Sveriges nationaldag"],
    [saturdayFrom(year, 6, 20), "Midsommardagen"],
    [saturdayFrom(year, 10, 31), "Alla helgons dag"],
    [civilDate(year, 12, 25), "Juldagen"],
    [civilDate(year, 12, 26), "Annandag jul"],
  ]);
}

/** Days that are not holidays but on which a deadline does not end (Act 1930:173). */
function eves(year: number): Set<CivilDate> {
  return new Set([
    addCivilDays(saturdayFrom(year, 6, 20), -1),
    civilDate(year, 12, 24),
    civilDate(year, 12, 31),
  ]);
}

export function isPublicHoliday(date: CivilDate): boolean {
  return publicHolidays(Number(date.slice(0, 4))).has(date);
}

/** A working day: not a weekend, public holiday, Midsummer Eve, Christmas Eve or New Year's Eve. */
export function isWorkingDay(date: CivilDate): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) return false;
  const year = Number(date.slice(0, 4));
  return !publicHolidays(year).has(date) && !eves(year).has(date);
}

export function nextWorkingDay(date: CivilDate): CivilDate {
  let d = date;
  while (!isWorkingDay(d)) d = addCivilDays(d, 1);
  return d;
}

export function previousWorkingDay(date: CivilDate): CivilDate {
  let d = addCivilDays(date, -1);
  while (!isWorkingDay(d)) d = addCivilDays(d, -1);
  return d;
}
