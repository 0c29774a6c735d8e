import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { recordDecision } from "../src/engagements/decisions.service.ts";
import {
  getEngagement,
  registerEngagement,
  updateEngagement,
} from "../src/engagements/engagements.service.ts";
import { annualReport, registeredCostByUnit } from "../src/planning/report.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { AppError } from "../src/platform/errors.ts";
import { translator } from "../src/platform/i18n/index.ts";
import { engagementWith } from "./fixtures/engagement-rules.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";

/** Issue 20: the public page of decided engagements, costs per year, and the rule after approval. */
let t: TestApp;
let officer: UserActor;
let decider: UserActor;
let classId = "";
const anonymous = () => new TestClient(t.app);
/** Swedish numbers are grouped with no-break spaces; the assertions read them as plain ones. */
const plain = (html: string) => html.replace(/\u00a0/g, " ");

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(new Date("2026-03-09T09:00:00Z")) });
  officer = await demoActor(t, "handlaggare");
  decider = await demoActor(t, "beslutsfattare");
  classId = await demoClassId(t, "2019", "1.4");
});
afterAll(async () => {
  await t.close();
});

/**
 * A 2023–2025 EU project of 3.1 million kronor, 60 % from the EU, for the whole city (so the city
 * board decides it); Iceland is its own test country.
 */
const euProject = (override: Record<string, unknown>) =>
  engagementWith(
    {
      type: "eu_project",
      scope: "city",
      startDate: "2023-01-01",
      endDate: "2025-12-31",
      cost: 3_100_000,
      counterparts: [{ kind: "city", name: "Hafnarbær kommun", country: "IS" }],
      financing: [
        { source: "city", sharePercent: 40 },
        { source: "eu", funder: "Interreg", sharePercent: 60 },
      ],
      ...override,
    },
    { unitId: "slk-kommunikation-omvarld", officerId: officer.id, registryId: "ks", classId },
  );

const register = async (override: Record<string, unknown>) =>
  (await registerEngagement(t.ctx, officer, euProject(override))).engagement;
const decide = (id: string, outcome: "approved" | "rejected", paragraph = "§ 12") =>
  recordDecision(t.ctx, decider, id, {
    body: "KS",
    decidedOn: "2026-03-02",
    minutesParagraph: paragraph,
    outcome,
  });

const DECIDED = "Isländskt hamnprojekt (beslutat)";
const SECRET = "Isländskt hamnprojekt (sekretess)";
const PROPOSED = "Isländskt hamnprojekt (förslag)";
const REFUSED = "Isländskt hamnprojekt (avslaget)";
let decidedId = "";

const publicItems = async (query = "") => {
  const res = await anonymous().get(`/api/v1/public/engagements${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().items as {
    id: string;
    title: string;
    decision: { bodyName: string; minutesParagraph: string; diaryNumber: string } | null;
    costByYear: { year: number; total: number; city: number; external: number }[];
  }[];
};

describe("the public page of international engagements", () => {
  beforeAll(async () => {
    decidedId = (await register({ title: DECIDED })).id;
    await decide(decidedId, "approved");
    await decide((await register({ title: SECRET, secret: true })).id, "approved", "§ 13");
    await register({ title: PROPOSED });
    await decide((await register({ title: REFUSED })).id, "rejected", "§ 14");
  });

  it("shows only the decided engagement that is not secret, with its costs per year, to anyone", async () => {
    const res = await anonymous().get("/offentlig/internationellt?country=IS");
    expect(res.statusCode).toBe(200);
    const page = { body: plain(res.body) };
    expect(page.body).toContain(DECIDED);
    for (const hidden of [SECRET, PROPOSED, REFUSED]) expect(page.body).not.toContain(hidden);
    expect(page.body).toContain("Hafnarbær kommun (Island)");
    expect(page.body).toMatch(/Kommunstyrelsen 2026-03-02, § 12, dnr KS \d{4}\/\d+/);
    // The 3.1 million are spread over the three years by their days, never counted in full each year.
    expect(page.body).toContain("2023: 1 032 391 kr (staden 412 956 kr, externt 619 435 kr)");
    expect(page.body).toContain("2024: 1 035 219 kr");
    expect(page.body).toContain("2025: 1 032 390 kr");
    expect(page.body).toContain('aria-labelledby="countries-title countries-desc"');
    expect(page.body).toContain('<caption class="visually-hidden">Engagemang per motpartsland</caption>');

    const start = await anonymous().get("/offentlig");
    expect(start.body).toContain('href="/offentlig/internationellt"');
  });

  it("gives the same engagements as JSON and CSV, and filters them", async () => {
    const items = (await publicItems("?country=IS")).filter((e) => e.title.startsWith("Isländskt"));
    expect(items.map((e) => e.title)).toEqual([DECIDED]);
    const [decided] = items;
    expect(decided?.decision?.bodyName).toBe("Kommunstyrelsen");
    expect(decided?.costByYear.map((c) => c.year)).toEqual([2023, 2024, 2025]);
    expect(decided?.costByYear.reduce((s, c) => s + c.total, 0)).toBe(3_100_000);
    for (const c of decided?.costByYear ?? []) {
      expect(c.city + c.external).toBe(c.total);
      expect(c.external).toBe(Math.round(c.total * 0.6));
    }
    expect(await publicItems("?country=IS&year=2022")).toEqual([]);
    expect((await publicItems("?country=IS&type=visit")).length).toBe(0);
    expect((await publicItems("?country=IS&direction=samverkan")).length).toBe(1);

    const csv = await anonymous().get("/offentlig/internationellt.csv?country=IS");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const lines = csv.body.split("\r\n").filter((l) => l.includes("Isländskt"));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain(`"${DECIDED}"`);
    expect(lines[0]).toContain('"2023";"1032391";"412956";"619435"');
    expect(csv.body).not.toContain(SECRET);

    const bad = await anonymous().get("/offentlig/internationellt?year=tjugo");
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Skriv ett år med fyra siffror");
    expect((await anonymous().get("/api/v1/public/engagements?country=ZZ")).statusCode).toBe(422);
  });

  it("counts each year's cost as the annual report and the follow-up do, split the same way", async () => {
    const decided = (await publicItems("?country=IS")).find((e) => e.id === decidedId);
    for (const year of [2023, 2024, 2025]) {
      const report = await annualReport(t.ctx, year, translator("sv"), "sv");
      const items = await publicItems(`?year=${year}`);
      const sum = (key: "total" | "city" | "external") =>
        items.flatMap((e) => e.costByYear.filter((c) => c.year === year)).reduce((s, c) => s + c[key], 0);
      // The EU project's year: a third of the 3.1 million, never all of it.
      const share = decided?.costByYear.find((c) => c.year === year);
      if (!share) throw new Error(`no ${year} in the public costs`);
      expect(share.total).toBeGreaterThan(1_000_000);
      expect(share.total).toBeLessThan(1_100_000);
      // The report (internal) also counts the secret engagements the public page never shows: the
      // decided project's secret twin (same figures) and, in 2025, the demo's secret trip of
      // 35 000 kronor that the city paid alone.
      const trip = year === 2025 ? 35_000 : 0;
      expect(report.cost - share.total - trip).toBe(sum("total"));
      expect(report.cityCost - share.city - trip).toBe(sum("city"));
      expect(report.externalCost - share.external).toBe(sum("external"));
      expect(report.cityCost + report.externalCost).toBe(report.cost);

      // The follow-up of the units' plans shows each unit's cost from the same figures.
      const byUnit = await registeredCostByUnit(t.ctx, year);
      expect(Object.fromEntries(byUnit)).toEqual(
        Object.fromEntries(report.byUnit.map((row) => [row.key, row.cost])),
      );
    }
    // And the follow-up page prints it: the culture administration's plan for 2025.
    const report = await annualReport(t.ctx, 2025, translator("sv"), "sv");
    const culture = report.byUnit.find((row) => row.key === "forv-kultur");
    if (!culture) throw new Error("no culture engagements in 2025");
    const browser = new TestClient(t.app);
    await browser.login("lasare");
    const plans = plain((await browser.get("/engagemang/planer/2025")).body);
    expect(plans).toContain("Kostnad enligt engagemangsregistret (kr)");
    expect(plans).toContain(`>${plain(culture.cost.toLocaleString("sv-SE"))}<`);
  });
});

describe("costs per year", () => {
  it("takes a cost split by hand, and refuses years outside the period with the others' errors", async () => {
    const e = await register({
      title: "Hamnprojekt med kostnad per år",
      cost: undefined,
      yearCosts: [
        { year: 2023, amount: 100_000 },
        { year: 2024, amount: 2_000_000 },
        { year: 2025, amount: 1_000_000 },
      ],
    });
    expect(e.cost).toBe(3_100_000);
    const refused = await registerEngagement(
      t.ctx,
      officer,
      euProject({ title: "", cost: 5, yearCosts: [{ year: 2022, amount: 1 }] }),
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppError);
    const fields = (refused as AppError).fields?.map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "yearCosts.0.amount", "cost"]));
  });

  it("shows a field per year in the engagement form and saves them without JavaScript", async () => {
    const e = await register({ title: "Hamnprojekt ändrat i formuläret" });
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    const form = await browser.get(`/engagemang/${e.id}/andra`);
    expect(form.body).toContain('name="yearCosts.1.amount"');
    expect(plain(form.body)).toContain("Fördelat om du lämnar tomt: 1 035 219 kr");
    const fields = Object.fromEntries(
      [...form.body.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    const saved = await browser.post(`/engagemang/${e.id}`, {
      ...fields,
      type: "eu_project",
      scope: "service",
      politicalLevel: "normal",
      onBehalfOf: "unit",
      unitId: "slk-kommunikation-omvarld",
      officerId: officer.id,
      directions: "samverkan",
      purpose: e.purpose,
      cost: "",
      "counterparts.0.kind": "city",
      "counterparts.0.country": "IS",
      "financing.0.source": "city",
      "financing.1.source": "eu",
      "yearCosts.0.amount": "1 000 000",
      "yearCosts.1.amount": "",
      "yearCosts.2.amount": "500 000",
      action: "save",
    });
    expect(saved.statusCode).toBe(303);
    const after = await getEngagement(t.ctx, e.id);
    expect(after.yearCosts).toEqual([
      { year: 2023, amount: 1_000_000 },
      { year: 2025, amount: 500_000 },
    ]);
    expect(after.cost).toBe(1_500_000);
  });
});

describe("the rule after approval", () => {
  it("takes an approved engagement back to proposed when its cost changes, keeping the reason in its history", async () => {
    const e = await register({ title: "Hamnprojekt som ändras efter beslut", cost: 180_000 });
    await decide(e.id, "approved", "§ 20");

    const editor = new TestClient(t.app);
    await editor.login("handlaggare");
    expect((await editor.get(`/engagemang/${e.id}/andra`)).body).toContain('name="changeReason"');

    // A change that leaves what the decision rests on keeps the approval.
    const purpose = await updateEngagement(t.ctx, officer, e.id, { purpose: "Ett tydligare syfte." });
    expect(purpose.engagement.status).toBe("approved");

    const refused = await updateEngagement(t.ctx, officer, e.id, { cost: 6_000_000 }).catch(
      (x: unknown) => x,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fields).toEqual([
      expect.objectContaining({ field: "changeReason", message: "engagement.change_reason_required" }),
    ]);
    expect((await getEngagement(t.ctx, e.id)).cost).toBe(180_000);

    const changed = await updateEngagement(t.ctx, officer, e.id, {
      cost: 6_000_000,
      endDate: "2026-06-30",
      changeReason: "Projektet utökas med två nya hamnar.",
    });
    expect(changed.engagement.status).toBe("proposed");
    expect(changed.engagement.changes).toEqual([
      expect.objectContaining({
        changed: ["cost", "period"],
        reason: "Projektet utökas med två nya hamnar.",
        statusBefore: "approved",
        statusAfter: "proposed",
      }),
    ]);
    const event = await t.ctx.db
      .selectFrom("audit_events")
      .select(["action"])
      .where("subject_id", "=", e.id)
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(event.action).toBe("engagement.reopen");
    expect((await publicItems()).map((x) => x.id)).not.toContain(e.id);

    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    const page = await browser.get(`/engagemang/${e.id}`);
    expect(page.body).toContain("Ändringar efter beslut");
    expect(page.body).toContain("kostnad, period ändrades och engagemanget gick tillbaka till förslag");

    // A new decision approves it again, and it is public with the new figures.
    await decide(e.id, "approved", "§ 31");
    const again = (await publicItems()).find((x) => x.id === e.id);
    expect(again?.decision?.minutesParagraph).toBe("§ 31");
    expect(again?.costByYear.reduce((s, c) => s + c.total, 0)).toBe(6_000_000);
  });
});
