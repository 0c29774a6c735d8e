import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatDiaryNumber,
  parseAnyKnown,
  parseDiaryNumber,
  patternProblems,
  skippedNumbers,
} from "../src/registry/diary-number.model.ts";

describe("diary number patterns (R8)", () => {
  it("formats Stockholm's two forms", () => {
    expect(
      formatDiaryNumber("{prefix} {class}-{seq}/{year}", {
        prefix: "KS",
        classCode: "171",
        seq: 482,
        year: 2016,
      }),
    ).toBe("KS 171-482/2016");
    expect(
      formatDiaryNumber("{prefix} {year}/{seq}", { prefix: "KS", classCode: "", seq: 562, year: 2019 }),
    ).toBe("KS 2019/562");
  });

  it("reads existing numbers in either known form", () => {
    expect(parseAnyKnown("KS", "KS 171-482/2016", "{prefix} {year}/{seq}")).toEqual({
      prefix: "KS",
      year: 2016,
      seq: 482,
      classCode: "171",
    });
    expect(parseAnyKnown("KS", "KS 2019/562", "{prefix} {year}/{seq}")).toEqual({
      prefix: "KS",
      year: 2019,
      seq: 562,
      classCode: "",
    });
    expect(parseAnyKnown("KS", "KF 2019/562", "{prefix} {year}/{seq}")).toBeNull();
    expect(parseAnyKnown("KS", "KS 2019/0", "{prefix} {year}/{seq}")).toBeNull();
  });

  it("accepts only patterns that give unique, readable numbers", () => {
    expect(patternProblems("{prefix} {year}/{seq}")).toEqual([]);
    expect(patternProblems("{prefix} {seq}")).toEqual(["missing_year"]);
    expect(patternProblems("{prefix} {year}")).toEqual(["missing_seq"]);
    expect(patternProblems("{prefix} {year}{seq}")).toEqual(["ambiguous"]);
    expect(patternProblems("{prefix} {month}/{year}/{seq}")).toEqual(["unknown_token"]);
  });

  it("reads back every number it writes (property)", () => {
    const pattern = fc.constantFrom(
      "{prefix} {year}/{seq}",
      "{prefix} {class}-{seq}/{year}",
      "{year}:{seq} ({prefix})",
    );
    fc.assert(
      fc.property(
        pattern,
        fc.constantFrom("KS", "KF", "SLK", "Dnr"),
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 1, max: 999_999 }),
        fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,2})?$/),
        (p, prefix, year, seq, code) => {
          const classCode = p.includes("{class}") ? code : "";
          const text = formatDiaryNumber(p, { prefix, year, seq, classCode });
          expect(parseDiaryNumber(p, prefix, text)).toEqual({ prefix, year, seq, classCode });
        },
      ),
    );
  });
});

describe("numbers an import skips (R8)", () => {
  it("counts the numbers an import skips and asks before skipping them", () => {
    expect(skippedNumbers(500, 21, true)).toBe(478);
    expect(skippedNumbers(22, 21, true)).toBe(0);
    expect(skippedNumbers(3, 21, true)).toBe(0);
    expect(skippedNumbers(5, undefined, true)).toBe(4);
    // A year this system never numbered belongs to an earlier system's series.
    expect(skippedNumbers(482, undefined, false)).toBe(0);
    expect(skippedNumbers(90, 40, false)).toBe(49);
  });
});
