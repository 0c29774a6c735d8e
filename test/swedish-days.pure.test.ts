import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addCivilDays, dayOfWeek } from "../src/platform/calendar/civil-date.ts";
import {
  easterSunday,
  isPublicHoliday,
  isWorkingDay,
  nextWorkingDay,
  previousWorkingDay,
} from "../src/platform/calendar/swedish-days.ts";

describe("Swedish holidays and working days (domain.md §4a)", () => {
  it("passes the check dates", () => {
    for (const holiday of ["2026-04-03", "2026-05-14", "2026-06-20", "2026-10-31"])
      expect(isPublicHoliday(holiday), holiday).toBe(true);
    expect(isPublicHoliday("2026-05-25")).toBe(false);
    expect(isWorkingDay("2026-05-25")).toBe(true);
  });

  it("computes Easter for known years", () => {
    expect(easterSunday(2016)).toBe("2016-03-27");
    expect(easterSunday(2024)).toBe("2024-03-31");
    expect(easterSunday(2026)).toBe("2026-04-05");
  });

  it("treats Midsummer Eve, Christmas Eve and New Year's Eve as non-working days", () => {
    expect(isWorkingDay("2026-06-19")).toBe(false);
    expect(isWorkingDay("2025-12-24")).toBe(false);
    expect(isWorkingDay("2025-12-31")).toBe(false);
  });

  it("moves to the next and previous working day", () => {
    expect(nextWorkingDay("2026-04-03")).toBe("2026-04-07");
    expect(previousWorkingDay("2026-04-07")).toBe("2026-04-02");
    expect(previousWorkingDay("2026-03-09")).toBe("2026-03-06");
  });

  it("always lands on a working day, never before the start (property)", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true }),
        (d) => {
          const date = d.toISOString().slice(0, 10);
          const next = nextWorkingDay(date);
          expect(isWorkingDay(next)).toBe(true);
          expect(next >= date).toBe(true);
          const prev = previousWorkingDay(date);
          expect(isWorkingDay(prev)).toBe(true);
          expect(prev < date).toBe(true);
        },
      ),
    );
  });

  it("puts Midsummer Day on the Saturday between 20 and 26 June and Ascension on a Thursday (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const midsummer = [...Array(7)].map((_, i) => `${year}-06-${20 + i}`).filter(isPublicHoliday);
        expect(midsummer).toHaveLength(1);
        expect(new Date(`${midsummer[0]}T00:00:00Z`).getUTCDay()).toBe(6);
        expect(dayOfWeek(addCivilDays(easterSunday(year), 39))).toBe(4);
      }),
    );
  });
});
