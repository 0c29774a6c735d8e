import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { toActor } from "../src/auth/sessions.service.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { ConflictError, ValidationError } from "../src/platform/errors.ts";
import { openCase } from "../src/registry/cases.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

let t: TestApp;
let clock: ManualClock;
let officer: UserActor;
let registrator: UserActor;
let classId = "";

const actor = async (username: string) =>
  toActor((await findUserByUsername(t.ctx.db, t.config.tenantId, username))!, "session", null)!;

beforeEach(async () => {
  clock = new ManualClock(new Date("2026-03-10T09:00:00Z"));
  t = await buildTestApp({ clock });
  officer = await actor("handlaggare");
  registrator = await actor("registrator");
  const classes = await t.ctx.db
    .selectFrom("classes")
    .innerJoin("classification_schemes as s", "s.id", "classes.scheme_id")
    .select(["classes.id", "classes.code", "s.version"])
    .execute();
  classId = classes.find((c) => c.version === "2019" && c.code === "1.4")!.id;
});
afterEach(async () => {
  await t.close();
});

const base = () => ({
  registryId: "ks",
  title: "Inbjudan till en konferens om vänorter",
  classId,
  unitId: "slk",
});
const counter = async (year: number) =>
  (
    await t.ctx.db
      .selectFrom("diary_counters")
      .select("last_seq")
      .where("registry_id", "=", "ks")
      .where("year", "=", year)
      .executeTakeFirst()
  )?.last_seq;
const caseCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );

describe("a diary-number series that holds (R8)", () => {
  it("gives no number for a year after the current one, imported or new", async () => {
    const before = await caseCount();
    const future = await failure(openCase(t.ctx, registrator, { ...base(), openedOn: "2027-01-02" }));
    expect(future).toBeInstanceOf(ValidationError);
    expect((future as ValidationError).fields).toEqual([
      { field: "openedOn", message: "case.future_year", params: { year: 2026 } },
    ]);
    const imported = await failure(openCase(t.ctx, registrator, { ...base(), diaryNumber: "KS 2027/3" }));
    expect((imported as ValidationError).fields).toEqual([
      { field: "diaryNumber", message: "case.future_year", params: { year: 2026 } },
    ]);
    expect(await caseCount()).toBe(before);
    expect(await counter(2027)).toBeUndefined();
    // New Year's Eve in Stockholm is already the next year in the city's time.
    clock.set(new Date("2026-12-31T23:30:00Z"));
    expect((await openCase(t.ctx, officer, { ...base(), openedOn: "2027-01-01" })).diaryNumber).toBe(
      "KS 2027/1",
    );
  });

  it("backdates only for registry staff with a reason, and audits the reason", async () => {
    const earlier = { ...base(), openedOn: "2025-12-19" };
    const byOfficer = await failure(openCase(t.ctx, officer, { ...earlier, backdateReason: "Glömd" }));
    expect((byOfficer as ValidationError).fields).toEqual([
      { field: "openedOn", message: "case.backdate_not_allowed", params: { year: 2026 } },
    ]);
    const noReason = await failure(openCase(t.ctx, registrator, earlier));
    expect((noReason as ValidationError).fields).toEqual([
      { field: "backdateReason", message: "case.backdate_reason_required" },
    ]);
    const last2025 = (await counter(2025)) ?? 0;
    const reason = "Skrivelsen kom in 19 december men registrerades inte före årsskiftet";
    const c = await openCase(t.ctx, registrator, { ...earlier, backdateReason: reason });
    expect(c.diaryNumber).toBe(`KS 2025/${last2025 + 1}`);
    const event = await t.ctx.db
      .selectFrom("audit_events")
      .select(["action", "after_json", "actor_id"])
      .where("subject_id", "=", c.id)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: "case.open", actor_id: registrator.id });
    expect(JSON.parse(event.after_json!)).toMatchObject({ backdateReason: reason, openedOn: "2025-12-19" });
    // Within the current year an earlier date is no backdating into another year.
    expect((await openCase(t.ctx, officer, { ...base(), openedOn: "2026-01-07" })).year).toBe(2026);
  });

  it("answers an import above the series' next with 409 and the count, until confirmed (API)", async () => {
    const user = (await findUserByUsername(t.ctx.db, t.config.tenantId, "registrator"))!;
    const { token } = await createToken(t.ctx, "system", user, { name: "import" });
    const post = (body: object) =>
      t.app.inject({
        method: "POST",
        url: "/api/v1/cases",
        headers: { authorization: `Bearer ${token}` },
        payload: body,
      });
    const last = (await counter(2026)) ?? 0;
    const before = await caseCount();
    const asked = await post({ ...base(), diaryNumber: "KS 2026/500" });
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error.allowed).toEqual(["confirmSkip"]);
    const skipped = 500 - (last + 1);
    expect(asked.json().error.fields).toEqual([
      {
        field: "confirmSkip",
        message: `Numret hoppar över ${skipped} nummer i serien (nästa är KS 2026/${last + 1}). Bekräfta att numren ska hoppas över.`,
      },
    ]);
    expect(await caseCount()).toBe(before);
    expect(await counter(2026)).toBe(last);
    // Invalid input is reported before any question of skipping.
    const bad = await post({ ...base(), title: "", diaryNumber: "KS 2026/500" });
    expect(bad.statusCode).toBe(422);
    const done = await post({ ...base(), diaryNumber: "KS 2026/500", confirmSkip: true });
    expect(done.statusCode).toBe(201);
    expect(done.json().diaryNumber).toBe("KS 2026/500");
    expect((await openCase(t.ctx, officer, base())).diaryNumber).toBe("KS 2026/501");
    // The next number itself, or a free one below it, skips nothing and needs no question.
    expect((await post({ ...base(), diaryNumber: "KS 2026/502" })).statusCode).toBe(201);
    const reused = await post({ ...base(), diaryNumber: "KS 2026/500", confirmSkip: true });
    expect(reused.statusCode).toBe(422);
  });

  it("asks on the page with a box to confirm, and registers once it is ticked", async () => {
    const client = new TestClient(t.app);
    await client.login("registrator");
    await client.get("/arenden/nytt");
    const form = { ...base(), diaryNumber: "KS 2026/400", officerId: "" };
    const asked = await client.post("/arenden/nytt", form);
    expect(asked.statusCode).toBe(422);
    expect(asked.body).toContain("Numret hoppar över");
    expect(asked.body).toContain('name="confirmSkip"');
    expect(asked.body).toContain('value="KS 2026/400"');
    const done = await client.post("/arenden/nytt", { ...form, confirmSkip: "true" });
    expect(done.statusCode).toBe(303);
  });

  it("never gives a number twice, whatever mix of openings, backdatings and imports (property)", async () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant("open" as const) }),
      fc.record({ kind: fc.constant("backdate" as const), day: fc.integer({ min: 1, max: 28 }) }),
      fc.record({
        kind: fc.constant("import" as const),
        year: fc.constantFrom(2024, 2025, 2026),
        seq: fc.integer({ min: 1, max: 60 }),
        confirm: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) {
          const before = await counter(o.kind === "import" ? o.year : o.kind === "open" ? 2026 : 2025);
          const input =
            o.kind === "open"
              ? base()
              : o.kind === "backdate"
                ? {
                    ...base(),
                    openedOn: `2025-11-${String(o.day).padStart(2, "0")}`,
                    backdateReason: "Sen post",
                  }
                : { ...base(), diaryNumber: `KS ${o.year}/${o.seq}`, confirmSkip: o.confirm };
          const result = await failure(openCase(t.ctx, registrator, input));
          if (result === null) continue;
          // The only refusals: a number already given, or a skip not confirmed.
          expect(o.kind).toBe("import");
          if (result instanceof ConflictError) expect(o.kind === "import" && !o.confirm).toBe(true);
          else
            expect((result as ValidationError).fields).toEqual([
              { field: "diaryNumber", message: "case.diary_number_taken" },
            ]);
          expect(await counter(o.kind === "import" ? o.year : 2026)).toBe(before);
        }
        const rows = await t.ctx.db
          .selectFrom("cases")
          .select(["diary_number", "registry_id", "year", "seq"])
          .where("registry_id", "=", "ks")
          .execute();
        expect(new Set(rows.map((r) => r.diary_number)).size).toBe(rows.length);
        const keys = rows.map((r) => `${r.year}/${r.seq}`);
        expect(new Set(keys).size).toBe(keys.length);
        // The counter of each year stands at or past every number of that year: never given again.
        for (const year of [2024, 2025, 2026]) {
          const max = Math.max(0, ...rows.filter((r) => r.year === year).map((r) => r.seq));
          expect((await counter(year)) ?? 0).toBeGreaterThanOrEqual(max);
        }
      }),
      { numRuns: 12 },
    );
  });
});
