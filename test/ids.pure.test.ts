import { describe, expect, it } from "vitest";
import { newId } from "../src/platform/ids.ts";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisecondsOf = (id: string) => Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);

describe("row ids", () => {
  it("are UUIDs of version 7 that begin with the time they were made", () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    expect(id).toMatch(UUID_V7);
    expect(millisecondsOf(id)).toBeGreaterThanOrEqual(before);
    expect(millisecondsOf(id)).toBeLessThanOrEqual(after + 1);
  });

  it("sort in the order they were made, without repeats, also many in one millisecond", () => {
    const ids = Array.from({ length: 50_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) expect((ids[i - 1] ?? "") < (ids[i] ?? "")).toBe(true);
    // Far more ids than milliseconds passed: the counter carried the order inside each one.
    expect(new Set(ids.map(millisecondsOf)).size).toBeLessThan(ids.length);
  });

  it("differ in their random part, so one id does not give away the next", () => {
    const [a, b] = [newId(), newId()];
    expect(a?.slice(19)).not.toBe(b?.slice(19));
  });
});
