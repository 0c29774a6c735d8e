import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addPeriod,
  checkDeadline,
  deadlineErrors,
  deadlineWarnings,
  lastDayRule,
  proposeDeadline,
} from "../src/consultation/round/deadlines.ts";
import { addCivilDays, daysBetween, isCivilDate } from "../src/platform/calendar/civil-date.ts";
import { isPublicHoliday, isWorkingDay } from "../src/platform/calendar/swedish-days.ts";

const civilDate = fc
  .date({ min: new Date("1990-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The longest move of the last-day rule: Christmas Eve on a Wednesday (Wed–Sun off) or 22 Dec on a Saturday. */
const LONGEST_MOVE_DAYS = 5;

describe("consultation deadlines (domain.md §4a)", () => {
  it("passes the domain's check dates", () => {
    for (const holiday of ["2026-04-03", "2026-05-14", "2026-06-20", "2026-10-31"]) {
      expect(isPublicHoliday(holiday), holiday).toBe(true);
      expect(lastDayRule(holiday), holiday).not.toBe(holiday);
    }
    expect(isWorkingDay("2026-05-25")).toBe(true);
    expect(lastDayRule("2026-05-25")).toBe("2026-05-25");
    expect(lastDayRule("2026-04-03")).toBe("2026-04-07"); // Good Friday -> Tuesday after Easter Monday
    expect(lastDayRule("2026-05-14")).toBe("2026-05-15"); // Ascension Day -> Friday
    expect(lastDayRule("2026-10-31")).toBe("2026-11-02"); // All Saints' Day -> Monday
  });

  it("accepts the 2016 round: sent 2016-06-21, deadline 2016-10-17 (a Monday, a working day)", () => {
    expect(isWorkingDay("2016-10-17")).toBe(true);
    expect(daysBetween("2016-06-21", "2016-10-17")).toBe(118);
    expect(checkDeadline("2016-06-21", "2016-10-17")).toEqual({
      ok: true,
      warnings: [{ code: "spans_july", julyDays: 31 }],
    });
  });

  it("moves a period ending on Midsummer Eve to the Monday", () => {
    expect(addPeriod("2026-05-08", { weeks: 6 })).toBe("2026-06-19"); // Midsummer Eve, a Friday
    expect(proposeDeadline("2026-05-08", 6)).toBe("2026-06-22");
  });

  it("proposes a deadline across Christmas and New Year", () => {
    // 2025: Christmas Eve on a Wednesday, the longest move (Wed 24 – Sun 28 are all off).
    expect(proposeDeadline("2025-11-12", 6)).toBe("2025-12-29");
    expect(daysBetween("2025-12-24", "2025-12-29")).toBe(LONGEST_MOVE_DAYS);
    // 22 Dec on a Saturday: Sat 22 – Wed 26 off.
    expect(lastDayRule("2029-12-22")).toBe("2029-12-27");
    // 2026: Christmas Eve on a Thursday -> Monday 28; New Year's Eve (Thu) and Day (Fri) -> Monday 4 Jan.
    expect(proposeDeadline("2026-11-05", 7)).toBe("2026-12-28");
    expect(proposeDeadline("2026-11-12", 7)).toBe("2027-01-04");
    // Epiphany on a Wednesday: moves one day.
    expect(lastDayRule("2027-01-06")).toBe("2027-01-07");
  });

  it("moves at most 4 days over Easter (Good Friday to the Tuesday)", () => {
    const easters: [string, string][] = [
      ["2016-03-25", "2016-03-29"],
      ["2026-04-03", "2026-04-07"],
      ["2038-04-23", "2038-04-27"],
    ];
    for (const [goodFriday, tuesday] of easters) {
      expect(lastDayRule(goodFriday)).toBe(tuesday);
      expect(daysBetween(goodFriday, tuesday)).toBe(4);
    }
  });

  it("warns against a 4-week period when the minimum is 6 weeks", () => {
    const deadline = proposeDeadline("2026-03-02", 4);
    expect(deadline).toBe("2026-03-30");
    expect(deadlineWarnings("2026-03-02", deadline)).toEqual([
      { code: "shorter_than_minimum", weeks: 4, minimumWeeks: 6 },
    ]);
    expect(deadlineWarnings("2026-03-02", "2026-04-01")).toEqual([
      { code: "shorter_than_minimum", weeks: 4.3, minimumWeeks: 6 },
    ]);
    expect(deadlineWarnings("2026-03-02", deadline, { minimumWeeks: 4 })).toEqual([]);
    expect(deadlineWarnings("2026-03-02", proposeDeadline("2026-03-02", 6))).toEqual([]);
  });

  it("does not call a period short when the last-day rule moved it past the minimum", () => {
    // 6 weeks from 2026-02-20 end on Good Friday; the deadline is the Tuesday after Easter.
    expect(proposeDeadline("2026-02-20", 6)).toBe("2026-04-07");
    expect(deadlineWarnings("2026-02-20", "2026-04-07")).toEqual([]);
    // The working day before the plain end is a day short.
    expect(deadlineWarnings("2026-02-20", "2026-04-02")).toEqual([
      { code: "shorter_than_minimum", weeks: 5.9, minimumWeeks: 6 },
    ]);
  });

  it("warns when the time includes a day of July, ends counted", () => {
    expect(deadlineWarnings("2026-05-04", "2026-08-31")).toEqual([{ code: "spans_july", julyDays: 31 }]);
    expect(deadlineWarnings("2026-05-18", "2026-07-01")).toEqual([{ code: "spans_july", julyDays: 1 }]);
    expect(deadlineWarnings("2026-07-31", "2026-09-14")).toEqual([{ code: "spans_july", julyDays: 1 }]);
    expect(deadlineWarnings("2026-05-15", "2026-06-30")).toEqual([]);
    expect(deadlineWarnings("2026-08-03", "2026-09-30")).toEqual([]);
    expect(deadlineWarnings("2026-06-01", "2027-08-02")).toEqual([{ code: "spans_july", julyDays: 62 }]);
  });

  it("refuses a deadline not after the send date or not a working day", () => {
    expect(deadlineErrors("2026-03-02", "2026-03-02")).toEqual([
      { code: "not_after_sending", sentOn: "2026-03-02", deadline: "2026-03-02" },
    ]);
    expect(deadlineErrors("2026-03-02", "2026-02-27")).toEqual([
      { code: "not_after_sending", sentOn: "2026-03-02", deadline: "2026-02-27" },
    ]);
    expect(checkDeadline("2026-05-08", "2026-06-19")).toEqual({
      ok: false,
      errors: [{ code: "not_a_working_day", deadline: "2026-06-19", nextWorkingDay: "2026-06-22" }],
    });
    expect(deadlineErrors("2026-03-02", "2026-02-30")).toEqual([
      { code: "invalid_date", field: "deadline", value: "2026-02-30" },
    ]);
    expect(deadlineErrors("2.3.2026", "2026-04-01")).toEqual([
      { code: "invalid_date", field: "sentOn", value: "2.3.2026" },
    ]);
  });

  it("refuses bad input to the arithmetic", () => {
    expect(isCivilDate("2024-02-29")).toBe(true);
    expect(isCivilDate("2026-02-29")).toBe(false);
    expect(() => addPeriod("2026-13-01", { weeks: 1 })).toThrow(RangeError);
    expect(() => addPeriod("2026-01-01", { weeks: -1 })).toThrow(RangeError);
    expect(() => addPeriod("2026-01-01", { months: 1.5 })).toThrow(RangeError);
    expect(() => lastDayRule("2026-06-31")).toThrow(RangeError);
  });

  it("ends a months period on the same date or the month's last day", () => {
    expect(addPeriod("2026-01-31", { months: 1 })).toBe("2026-02-28");
    expect(addPeriod("2024-01-31", { months: 1 })).toBe("2024-02-29");
    expect(addPeriod("2026-03-31", { months: 1 })).toBe("2026-04-30");
    expect(addPeriod("2026-08-31", { months: 6 })).toBe("2027-02-28");
    expect(addPeriod("2026-06-21", { months: 4 })).toBe("2026-10-21");
    expect(addPeriod("2026-12-15", { months: 0 })).toBe("2026-12-15");
  });

  it("keeps the weekday in a weeks period (property)", () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 0, max: 104 }), (from, weeks) => {
        const end = addPeriod(from, { weeks });
        expect(weekday(end)).toBe(weekday(from));
        expect(daysBetween(from, end)).toBe(7 * weeks);
      }),
    );
  });

  it("never overflows the month in a months period (property)", () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 0, max: 36 }), (from, months) => {
        const end = addPeriod(from, { months });
        expect(isCivilDate(end)).toBe(true);
        const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
        const [ey, em, ed] = end.split("-").map(Number) as [number, number, number];
        expect(ey * 12 + em - (fy * 12 + fm)).toBe(months);
        const lastOfMonth = new Date(Date.UTC(ey, em, 0)).getUTCDate();
        expect(ed).toBe(Math.min(fd, lastOfMonth));
      }),
    );
  });

  it("proposes a working day on or after the plain end, at most 5 days after (property)", () => {
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 1, max: 52 }), (sentOn, weeks) => {
        const plain = addPeriod(sentOn, { weeks });
        const deadline = proposeDeadline(sentOn, weeks);
        expect(isWorkingDay(deadline)).toBe(true);
        expect(deadline >= plain).toBe(true);
        expect(daysBetween(plain, deadline)).toBeLessThanOrEqual(LONGEST_MOVE_DAYS);
        expect(checkDeadline(sentOn, deadline).ok).toBe(true);
      }),
    );
  });

  it("moves every day at most 5 days, and only Christmas needs all 5 (property)", () => {
    fc.assert(
      fc.property(civilDate, (date) => {
        const moved = daysBetween(date, lastDayRule(date));
        expect(moved).toBeGreaterThanOrEqual(0);
        expect(moved).toBeLessThanOrEqual(LONGEST_MOVE_DAYS);
        if (moved === LONGEST_MOVE_DAYS) expect(["12-22", "12-24"]).toContain(date.slice(5));
      }),
      { examples: [["2025-12-24"], ["2029-12-22"]] },
    );
  });

  it("leaves a working day as it is and is idempotent (property)", () => {
    fc.assert(
      fc.property(civilDate, (date) => {
        const moved = lastDayRule(date);
        expect(lastDayRule(moved)).toBe(moved);
        if (isWorkingDay(date)) expect(moved).toBe(date);
        else expect(moved > date).toBe(true);
      }),
    );
  });

  it("warns short exactly when the deadline is before the minimum's plain end (property)", () => {
    fc.assert(
      fc.property(
        civilDate,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 1, max: 52 }),
        (s, d, min) => {
          const end = addCivilDays(s, d);
          const short = deadlineWarnings(s, end, { minimumWeeks: min }).some(
            (w) => w.code === "shorter_than_minimum",
          );
          expect(short).toBe(d < 7 * min);
        },
      ),
    );
  });
});
