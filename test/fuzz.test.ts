import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFuzz, summary } from "./fuzz/run-fuzz.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";

/** CI sends a few thousand; `npm run fuzz` sends ten thousand and more (test/fuzz/run.ts). */
const COUNT = Number(process.env.FUZZ_COUNT ?? 3000);

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("bad requests to every operation of the OpenAPI document", () => {
  it("never answer 5xx, always answer in the documented error shape, and write nothing", async () => {
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
    const r = await runFuzz(t, { count: COUNT, ...(seed !== undefined ? { seed } : {}) });
    console.log(summary(r));
    const show = (
      list: { request: { method: string; url: string; kind: string }; status: number; body: string }[],
    ) =>
      list
        .slice(0, 5)
        .map(
          (e) =>
            `${e.status} ${e.request.method} ${e.request.url.slice(0, 120)} [${e.request.kind}] ${e.body.slice(0, 200)}`,
        );
    expect(r.requests).toBe(COUNT);
    expect(show(r.serverErrors)).toEqual([]);
    expect(show(r.shapeViolations)).toEqual([]);
    expect(r.partialWrites).toEqual([]);
    // The comparison must have had something to compare: most batches are refused whole.
    expect(r.batchesCompared).toBeGreaterThan(0);
  }, 180_000);
});
