import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCivilDate } from "../src/platform/calendar/civil-date.ts";
import { foldDateParts } from "../src/platform/http/date-parts.ts";

const parts = (name: string, y: string, m: string, d: string) => ({
  [`${name}-year`]: y,
  [`${name}-month`]: m,
  [`${name}-day`]: d,
});

describe("a date typed in three inputs", () => {
  it("folds into one field, leaving the other fields alone", () => {
    expect(foldDateParts({ title: "Remiss", ...parts("deadline", "2016", "10", "17") })).toEqual({
      title: "Remiss",
      deadline: "2016-10-17",
    });
  });

  it("pads a one-digit month and day, and trims spaces", () => {
    expect(foldDateParts(parts("date", " 2026", "3 ", "2"))).toEqual({ date: "2026-03-02" });
  });

  it("is empty when all three are left empty, so an optional date stays optional", () => {
    expect(foldDateParts(parts("dueDate", "", "", ""))).toEqual({ dueDate: "" });
  });

  it("passes an impossible or half-typed date on as typed, for the service to report", () => {
    expect(foldDateParts(parts("date", "2026", "2", "30"))).toEqual({ date: "2026-2-30" });
    expect(foldDateParts(parts("date", "2026", "", ""))).toEqual({ date: "2026--" });
    expect(foldDateParts(parts("date", "tjugo", "1", "1"))).toEqual({ date: "tjugo-1-1" });
  });

  it("folds several dates of one form and leaves a form without dates as it is", () => {
    const form = { a: "1", ...parts("from", "2016", "1", "1"), ...parts("to", "2016", "12", "31") };
    expect(foldDateParts(form)).toEqual({ a: "1", from: "2016-01-01", to: "2016-12-31" });
    const plain = { q: "vänort" };
    expect(foldDateParts(plain)).toBe(plain);
  });

  it("gives back every real date as typed, and never a real date from parts that are not one", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 6 }),
        fc.string({ maxLength: 3 }),
        fc.string({ maxLength: 3 }),
        (y, m, d) => {
          const folded = foldDateParts(parts("x", y, m, d)).x as string;
          const [ty, tm, td] = [y.trim(), m.trim(), d.trim()];
          const real =
            /^\d{4}$/.test(ty) &&
            /^\d{1,2}$/.test(tm) &&
            /^\d{1,2}$/.test(td) &&
            isCivilDate(`${ty}-${tm.padStart(2, "0")}-${td.padStart(2, "0")}`);
          if (real) expect(folded).toBe(`${ty}-${tm.padStart(2, "0")}-${td.padStart(2, "0")}`);
          else if (!ty && !tm && !td) expect(folded).toBe("");
          else expect(isCivilDate(folded)).toBe(false);
        },
      ),
    );
  });
});
