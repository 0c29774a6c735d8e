import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { comparisonsByIndex, recordComparison } from "../src/monitoring/monitoring.service.ts";
import { plansOfYear } from "../src/planning/plans.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const rows = async (table: "engagement_plans" | "watch_items" | "city_comparisons") =>
  t.ctx.db.selectFrom(table).selectAll().execute();

async function signedIn(username: string, page: string) {
  const browser = new TestClient(t.app);
  await browser.login(username);
  await browser.get(page);
  return browser;
}

describe("yearly plans and their follow-up", () => {
  it("refuses a bad plan with every error at once and writes nothing", async () => {
    const before = await rows("engagement_plans");
    const browser = await signedIn("registrator", "/engagemang/planer/2027");
    const res = await browser.post("/engagemang/planer/2027", {
      unitId: "",
      plannedWork: "",
      budget: "-5",
      cost: "tio",
    });
    expect(res.statusCode).toBe(422);
    for (const field of ["unitId", "plannedWork", "budget", "cost"])
      expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain('value="tio"');
    expect(await rows("engagement_plans")).toEqual(before);
  });

  it("keeps one plan per unit and year: the follow-up is saved onto the plan", async () => {
    const browser = await signedIn("registrator", "/engagemang/planer/2027");
    const plan = {
      unitId: "forv-idrott",
      plannedWork: "Utbyte om spontanidrott med två nordiska städer.",
      budget: "80 000",
    };
    expect((await browser.post("/engagemang/planer/2027", plan)).statusCode).toBe(303);
    const followUp = { ...plan, outcome: "Ett utbyte genomfört.", cost: "61500" };
    expect((await browser.post("/engagemang/planer/2027", followUp)).statusCode).toBe(303);
    const plans = (await plansOfYear(t.ctx, 2027)).filter((p) => p.unitId === "forv-idrott");
    expect(plans).toEqual([
      expect.objectContaining({ budget: 80_000, outcome: "Ett utbyte genomfört.", cost: 61_500, year: 2027 }),
    ]);
    const page = await browser.get("/engagemang/planer/2027");
    expect(page.body).toContain("Idrottsförvaltningen");
    expect(page.body).toContain("Totalt: budget 80");
  });

  it("lets a contact person keep their own unit's plan only", async () => {
    const browser = await signedIn("kontaktperson", "/engagemang/planer/2027");
    const other = await browser.post("/engagemang/planer/2027", {
      unitId: "forv-miljo",
      plannedWork: "X",
      budget: "1",
    });
    expect(other.statusCode).toBe(403);
    expect((await browser.get("/engagemang/planer/2027")).body).not.toContain(">X<");
    const own = await browser.post("/engagemang/planer/2027", {
      unitId: "forv-kultur",
      plannedWork: "Biblioteksutbyte.",
      budget: "5000",
    });
    expect(own.statusCode).toBe(303);
  });

  it("saves and lists plans through the API", async () => {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "registrator");
    if (!user) throw new Error("no user");
    const { token } = await createToken(t.ctx, "system", user, { name: "plans" });
    const headers = { authorization: `Bearer ${token}` };
    const put = await t.app.inject({
      method: "PUT",
      url: "/api/v1/plans/2028",
      headers,
      payload: { unitId: "forv-trafik", plannedWork: "Jämföra trafiksäkerhetsarbete.", budget: 40_000 },
    });
    expect(put.statusCode).toBe(200);
    const bad = await t.app.inject({
      method: "PUT",
      url: "/api/v1/plans/2028",
      headers,
      payload: { budget: -1 },
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(["budget", "plannedWork", "unitId"]);
    const list = await t.app.inject({ method: "GET", url: "/api/v1/plans/2028", headers });
    expect(list.json().items).toEqual([
      expect.objectContaining({ unitId: "forv-trafik", budget: 40_000, cost: null }),
    ]);
  });
});

describe("external monitoring", () => {
  it("refuses a bad watch item and a comparison without rank or value, writing nothing", async () => {
    const before = [await rows("watch_items"), await rows("city_comparisons")];
    const browser = await signedIn("handlaggare", "/engagemang/omvarld");
    const item = await browser.post("/engagemang/omvarld/bevakning", {
      kind: "rumour",
      title: "",
      summary: "",
      observedOn: "igår",
    });
    expect(item.statusCode).toBe(422);
    for (const field of ["kind", "title", "summary", "observedOn"])
      expect(item.body).toContain(`href="#${field}"`);
    const comparison = await browser.post("/engagemang/omvarld/jamforelser", {
      indexName: "Index",
      year: "2025",
      rank: "",
      value: "",
    });
    expect(comparison.statusCode).toBe(422);
    expect(comparison.body).toContain("Fyll i placering eller värde");
    const huge = await browser.post("/engagemang/omvarld/jamforelser", {
      indexName: "Index",
      year: "2025",
      value: "1e21",
    });
    expect(huge.statusCode).toBe(422);
    expect(huge.body).toContain('href="#value"');
    expect([await rows("watch_items"), await rows("city_comparisons")]).toEqual(before);
  });

  it("records a year's comparison once (a second entry replaces it) and draws each index's series", async () => {
    const officer = await demoActor(t, "handlaggare");
    await recordComparison(t.ctx, officer, { indexName: "Testindex", year: 2024, rank: 4 });
    await recordComparison(t.ctx, officer, { indexName: "Testindex", year: 2025, rank: 3, value: "61,5" });
    await recordComparison(t.ctx, officer, { indexName: "Testindex", year: 2025, rank: 2, value: 62.25 });
    expect((await comparisonsByIndex(t.ctx)).get("Testindex")).toEqual([
      { indexName: "Testindex", year: 2024, rank: 4, value: null, source: null },
      { indexName: "Testindex", year: 2025, rank: 2, value: 62.25, source: null },
    ]);
    const browser = await signedIn("lasare", "/engagemang/omvarld");
    const page = await browser.get("/engagemang/omvarld");
    const charts = (await comparisonsByIndex(t.ctx)).size;
    expect((page.body.match(/<svg role="img"/g) ?? []).length).toBe(charts);
    expect(page.body).toContain("Testindex: stadens placering per år");
    expect(page.body).not.toContain("Ny bevakning");
  });

  it("notes a watch item and records a comparison through the API", async () => {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "registrator");
    if (!user) throw new Error("no user");
    const { token } = await createToken(t.ctx, "system", user, { name: "monitoring" });
    const headers = { authorization: `Bearer ${token}` };
    const item = await t.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/watch-items",
      headers,
      payload: {
        kind: "trend",
        title: "Fler cykelbanor",
        summary: "Städer bygger ut cykelnät.",
        observedOn: "2026-01-20",
      },
    });
    expect(item.statusCode).toBe(201);
    const items = await t.app.inject({ method: "GET", url: "/api/v1/monitoring/watch-items", headers });
    expect(items.json().items.map((i: { title: string }) => i.title)).toContain("Fler cykelbanor");
    const comparison = await t.app.inject({
      method: "POST",
      url: "/api/v1/monitoring/comparisons",
      headers,
      payload: { indexName: "API-index", year: 2025, value: 7.5 },
    });
    expect(comparison.statusCode).toBe(201);
    const list = await t.app.inject({ method: "GET", url: "/api/v1/monitoring/comparisons", headers });
    expect(list.json().items).toContainEqual({
      indexName: "API-index",
      year: 2025,
      rank: null,
      value: 7.5,
      source: null,
    });
  });
});
