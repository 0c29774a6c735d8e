import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addCivilDays,
  addCivilMonths,
  addCivilYears,
  civilDate,
  dayOfWeek,
  daysBetween,
  isCivilDate,
  stockholmDate,
  utcDate,
} from "../src/platform/calendar/civil-date.ts";

const date = fc
  .date({ min: new Date("1900-01-01"), max: new Date("2200-12-31"), noInvalidDate: true })
  .map(utcDate);
const days = fc.integer({ min: -100_000, max: 100_000 });

describe("civil dates", () => {
  it("reads an instant in Stockholm or in UTC", () => {
    const lateEvening = new Date("2026-03-28T23:30:00Z"); // 00:30 in Stockholm (CET)
    expect(stockholmDate(lateEvening)).toBe("2026-03-29");
    expect(utcDate(lateEvening)).toBe("2026-03-28");
    expect(stockholmDate(new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01"); // 23:59 CEST
    expect(stockholmDate(new Date("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
  });

  it("knows real dates", () => {
    expect(civilDate(2024, 2, 9)).toBe("2024-02-09");
    expect(isCivilDate("2024-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-13-01", "2026-04-31", "2026-1-01", "26-01-01", ""])
      expect(isCivilDate(bad), bad).toBe(false);
    expect(dayOfWeek("2026-12-06")).toBe(0);
  });

  it("adds days across DST changes and leap days", () => {
    expect(addCivilDays("2026-03-28", 1)).toBe("2026-03-29"); // clocks go forward in Sweden
    expect(addCivilDays("2026-10-25", 1)).toBe("2026-10-26"); // and back
    expect(addCivilDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addCivilDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addCivilDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2026-03-01", "2026-02-01")).toBe(-28);
  });

  it("adds months and years, ending on the month's last day when the date does not exist", () => {
    expect(addCivilMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCivilMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addCivilMonths("2026-08-31", 6)).toBe("2027-02-28");
    expect(addCivilMonths("2026-03-31", -1)).toBe("2026-02-28");
    expect(addCivilMonths("2026-01-15", -13)).toBe("2024-12-15");
    expect(addCivilYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addCivilYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addCivilYears("2024-02-29", -1)).toBe("2023-02-28");
  });

  it("undoes adding days, and counts them back (property)", () => {
    fc.assert(
      fc.property(date, days, (d, n) => {
        const moved = addCivilDays(d, n);
        expect(isCivilDate(moved)).toBe(true);
        expect(addCivilDays(moved, -n)).toBe(d);
        expect(daysBetween(d, moved)).toBe(n);
        expect(dayOfWeek(moved)).toBe((((dayOfWeek(d) + n) % 7) + 7) % 7);
      }),
    );
  });

  it("keeps the day of the month unless the month is shorter (property)", () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -2400, max: 2400 }), (d, n) => {
        const moved = addCivilMonths(d, n);
        expect(isCivilDate(moved)).toBe(true);
        const day = Number(d.slice(8));
        const movedDay = Number(moved.slice(8));
        if (movedDay !== day) expect(addCivilDays(moved, 1).slice(8)).toBe("01");
        expect(movedDay).toBeLessThanOrEqual(day);
        expect(addCivilYears(d, n)).toBe(addCivilMonths(d, 12 * n));
      }),
    );
  });
});
