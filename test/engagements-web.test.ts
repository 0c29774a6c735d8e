import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { rowCount } from "./helpers/database.ts";
import { demoClassId } from "./helpers/demo.ts";

const TODAY = new Date("2026-11-29T11:00:00Z");
let t: TestApp;
let officerId = "";
let classId = "";

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(TODAY) });
  officerId = (await findUserByUsername(t.ctx.db, t.config.tenantId, "handlaggare"))?.id ?? "";
  classId = await demoClassId(t, "2019", "1.4");
});
afterAll(async () => {
  await t.close();
});

const count = () => rowCount(t.ctx.db, "engagements");

/** A complete cooperation agreement as the form posts it. */
const agreement = (extra: Record<string, string | string[]> = {}) => ({
  type: "cooperation_agreement",
  title: "Samarbetsavtal om kollektivtrafik med en nordisk huvudstad",
  unitId: "slk-kommunikation-omvarld",
  officerId,
  purpose: "Utbyte om elektrifierad busstrafik.",
  directions: "samverkan",
  scope: "service",
  politicalLevel: "normal",
  onBehalfOf: "unit",
  mutualBenefit: "Båda städerna delar driftdata och upphandlingserfarenhet.",
  theme: "Elektrifierad kollektivtrafik",
  startDate: "2026-01-01",
  endDate: "2028-12-31",
  cost: "150 000",
  "counterparts.0.kind": "city",
  "counterparts.0.name": "Exempelstadens trafikförvaltning",
  "counterparts.0.country": "FI",
  "counterparts.1.kind": "",
  "counterparts.1.name": "",
  "counterparts.1.country": "",
  "financing.0.source": "city",
  "financing.0.sharePercent": "100",
  registryId: "ks",
  classId,
  ...extra,
});

describe("engagement pages", () => {
  it("lets an officer choose a type, then shows the form with every field", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    const choose = await browser.get("/engagemang/ny");
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain("Vänortsavtal");
    const form = await browser.get("/engagemang/ny?typ=membership");
    expect(form.statusCode).toBe(200);
    // The proposed answers: the officer's own unit's ordinary level, on its own behalf.
    expect(form.body).toContain('<option value="normal" selected>');
    expect(form.body).toContain('<option value="unit" selected>');
    expect(form.body).toContain('<option value="service" selected>');
    for (const name of [
      "title",
      "unitId",
      "officerId",
      "directions",
      "scope",
      "reviewDate-year",
      "counterparts.0.country",
      "financing.0.source",
      "caseDiaryNumber",
    ])
      expect(form.body).toContain(`name="${name}"`);
  });

  it("Kontrollera shows the principles and who decides without saving", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    await browser.get("/engagemang/ny?typ=cooperation_agreement");
    const before = await count();
    const res = await browser.post(
      "/engagemang",
      agreement({ action: "check", theme: "", endDate: "", scope: "city" }),
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      "P3: Ett samarbetsavtal ska gälla ett konkret utbyte inom ett specifikt tematiskt område",
    );
    expect(res.body).toContain("P3: Ett samarbetsavtal ska ha både start- och slutdatum");
    expect(res.body).toContain('href="#theme"');
    expect(res.body).toContain(
      "Deltagande i stadsövergripande internationella nätverk och samarbetsinitiativ beslutas av kommunstyrelsen.",
    );
    // Every answer is kept.
    expect(res.body).toContain('value="Exempelstadens trafikförvaltning"');
    expect(await count()).toBe(before);
  });

  it("refuses a twin-city agreement and a broken form with every error at once, nothing written", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    await browser.get("/engagemang/ny?typ=twin_city_agreement");
    const before = await count();
    const res = await browser.post(
      "/engagemang",
      agreement({
        action: "save",
        type: "twin_city_agreement",
        title: "",
        directions: "",
        "counterparts.0.country": "",
        "financing.0.sharePercent": "80",
      }),
    );
    expect(res.statusCode).toBe(422);
    for (const anchor of ["#type", "#title", "#directions", "#counterparts.0.country", "#financing"])
      expect(res.body).toContain(`href="${anchor}"`);
    expect(res.body).toContain("P2: Staden har inga vänorter och ingår inga vänortsavtal.");
    expect(await count()).toBe(before);
  });

  it("says what is wrong with a number: below the least, not whole, not a number", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    await browser.get("/engagemang/ny?typ=cooperation_agreement");
    const before = await count();
    const res = await browser.post(
      "/engagemang",
      agreement({
        action: "save",
        cost: "-5",
        "financing.0.sharePercent": "12,5",
        "financing.1.source": "eu",
        "financing.1.sharePercent": "hälften",
      }),
    );
    expect(res.statusCode).toBe(422);
    for (const [field, message] of [
      ["cost", "Skriv ett belopp i hela kronor, 0 eller mer"],
      ["financing.0.sharePercent", "Måste vara ett heltal"],
      ["financing.1.sharePercent", "Skriv ett tal, till exempel 25"],
    ])
      expect(res.body).toContain(`<a href="#${field}">${message}</a>`);
    expect(res.body).not.toContain("Fyll i fältet");
    expect(await count()).toBe(before);
  });

  it("adds and removes counterpart and financing rows without JavaScript, saving nothing until asked", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    const form = await browser.get("/engagemang/ny?typ=cooperation_agreement");
    expect(form.body).toContain('name="counterparts.0.kind"');
    expect(form.body).not.toContain('name="counterparts.1.kind"');
    expect(form.body).toContain('<button type="submit" name="action" value="add-counterparts"');
    const before = await count();
    const added = await browser.post(
      "/engagemang",
      agreement({ action: "add-counterparts", counterpartsRows: "2", financingRows: "1" }),
    );
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('name="counterparts.2.kind"');
    expect(added.body).not.toContain('name="counterparts.3.kind"');
    expect(added.body).toContain('name="counterpartsRows" value="3"');
    expect(added.body).not.toContain('name="financing.1.source"');
    expect(added.body).toContain('value="Exempelstadens trafikförvaltning"');
    expect(added.body).not.toContain("error-summary");
    const two = {
      "counterparts.1.kind": "academia",
      "counterparts.1.name": "Påhittade tekniska högskolan",
      "counterparts.1.country": "FI",
      counterpartsRows: "3",
    };
    const removed = await browser.post(
      "/engagemang",
      agreement({ ...two, action: "check", "counterparts.0.remove": "true" }),
    );
    expect(removed.statusCode).toBe(200);
    expect(removed.body).not.toContain("Exempelstadens trafikförvaltning");
    expect(removed.body).toContain(
      'name="counterparts.0.name" type="text" value="Påhittade tekniska högskolan"',
    );
    expect(removed.body).toContain('name="counterpartsRows" value="2"');
    expect(await count()).toBe(before);
    const saved = await browser.post(
      "/engagemang",
      agreement({ ...two, action: "save", "counterparts.0.remove": "true" }),
    );
    expect(saved.statusCode).toBe(303);
    const id = String(saved.headers.location).split("/").at(-1) ?? "";
    const stored = await t.ctx.db
      .selectFrom("engagement_counterparts")
      .select("name")
      .where("engagement_id", "=", id)
      .execute();
    expect(stored.map((c) => c.name)).toEqual(["Påhittade tekniska högskolan"]);
  });

  it("registers, shows, changes and decides an engagement", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    await browser.get("/engagemang/ny?typ=cooperation_agreement");
    const saved = await browser.post("/engagemang", agreement({ action: "save" }));
    expect(saved.statusCode).toBe(303);
    const url = String(saved.headers.location);
    const page = await browser.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Nämnden eller styrelsen för Kommunikations- och omvärldsavdelningen");
    expect(page.body).toContain("verksamhetsspecifika samarbetsinitiativ");
    expect(page.body).toContain("Finland");
    expect(page.body).toContain("150");
    expect(page.body).toMatch(/KS \d{4}\/\d+/);

    const edit = await browser.get(`${url}/andra`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="Elektrifierad kollektivtrafik"');
    const changed = await browser.post(url, agreement({ action: "save", scope: "city", cost: "" }));
    expect(changed.statusCode).toBe(303);
    const after = await browser.get(url);
    expect(after.body).toContain("beslutas av kommunstyrelsen");
    const broken = await browser.post(url, agreement({ action: "save", mutualBenefit: "" }));
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toContain("P3: Ett samarbetsavtal ska ha en tydlig ömsesidig nytta");

    expect((await browser.get(`${url}/beslut`)).statusCode).toBe(403);
    const decider = new TestClient(t.app);
    await decider.login("beslutsfattare");
    const form = await decider.get(`${url}/beslut`);
    expect(form.body).toContain('<option value="KS" selected');
    const bad = await decider.post(`${url}/beslut`, {
      body: "KS",
      decidedOn: "2026-13-01",
      minutesParagraph: "",
      outcome: "",
    });
    expect(bad.statusCode).toBe(422);
    for (const anchor of ["#decidedOn", "#minutesParagraph", "#outcome"])
      expect(bad.body).toContain(`href="${anchor}"`);
    const ok = await decider.post(`${url}/beslut`, {
      body: "KS",
      decidedOn: "2026-11-25",
      minutesParagraph: "§ 17",
      outcome: "approved",
      conditions: "",
    });
    expect(ok.statusCode).toBe(303);
    const decided = await decider.get(url);
    expect(decided.body).toContain("§ 17");
    expect(decided.body).toContain("Beviljat");
    expect(decided.body).toContain('href="/handlingar/');
  });

  it("takes the units affected from the grouped picker, and the routing counts the ticked ones", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    const form = await browser.get("/engagemang/ny?typ=cooperation_agreement");
    // A fieldset per committee with its administration; the filter box waits for JavaScript.
    expect(form.body).toMatch(/<legend>Kulturnämnden<\/legend>\s*<div class="field checkbox" data-unit>/);
    expect(form.body).toContain('name="affectedUnitIds" value="forv-kultur"');
    expect(form.body).toContain("<legend>Stockholms Stadshus AB</legend>");
    expect(form.body).toContain("data-unit-filter hidden");
    expect(form.body).not.toContain('name="unitsAffected"');

    const saved = await browser.post(
      "/engagemang",
      agreement({ action: "save", affectedUnitIds: ["forv-kultur", "forv-idrott"] }),
    );
    expect(saved.statusCode).toBe(303);
    const url = String(saved.headers.location);
    const id = url.split("/").at(-1) ?? "";
    const stored = async () => {
      const row = await t.ctx.db
        .selectFrom("engagements")
        .select(["units_affected", "routing_rule", "deciding_body"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const units = await t.ctx.db
        .selectFrom("engagement_units")
        .select("unit_id")
        .where("engagement_id", "=", id)
        .orderBy("unit_id")
        .execute();
      return { ...row, units: units.map((u) => u.unit_id) };
    };
    expect(await stored()).toEqual({
      units_affected: 2,
      routing_rule: "ks_several_units",
      deciding_body: "KS",
      units: ["forv-idrott", "forv-kultur"],
    });
    // The engagement's page names the ticked units beside their count.
    const page = await browser.get(url);
    expect(page.body).toMatch(
      /2: (Idrottsförvaltningen, Kulturförvaltningen|Kulturförvaltningen, Idrottsförvaltningen)/,
    );
    const edit = await browser.get(`${url}/andra`);
    expect(edit.body).toContain('value="forv-kultur" checked');
    expect(edit.body).toContain('value="forv-idrott" checked');

    // One unit left ticked: the unit decides itself again.
    const changed = await browser.post(url, agreement({ action: "save", affectedUnitIds: "forv-kultur" }));
    expect(changed.statusCode).toBe(303);
    expect(await stored()).toEqual({
      units_affected: 1,
      routing_rule: "unit_service",
      deciding_body: "UNIT",
      units: ["forv-kultur"],
    });

    const unknown = await browser.post(url, agreement({ action: "save", affectedUnitIds: "ingen-sadan" }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain(
      '<a href="#affectedUnitIds">En vald förvaltning eller ett valt bolag finns inte</a>',
    );
  });

  it("keeps the number of an engagement from before the picker until its units are ticked", async () => {
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    await browser.get("/engagemang/ny?typ=cooperation_agreement");
    // As a client of the API before the picker: a number, no units.
    const saved = await browser.post("/engagemang", agreement({ action: "save", unitsAffected: "3" }));
    expect(saved.statusCode).toBe(303);
    const url = String(saved.headers.location);
    const id = url.split("/").at(-1) ?? "";
    const edit = await browser.get(`${url}/andra`);
    expect(edit.body).toContain("Tidigare angivet: 3 nämnder eller bolag. Kryssa i vilka de är.");
    expect(edit.body).toContain('<input type="hidden" name="unitsAffected" value="3"');
    const kept = await browser.post(url, agreement({ action: "save", unitsAffected: "3" }));
    expect(kept.statusCode).toBe(303);
    const row = await t.ctx.db
      .selectFrom("engagements")
      .select(["units_affected", "routing_rule"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ units_affected: 3, routing_rule: "ks_several_units" });
  });

  it("lets a contact person register for their own unit only", async () => {
    const browser = new TestClient(t.app);
    await browser.login("kontaktperson");
    const form = await browser.get("/engagemang/ny?typ=visit");
    expect(form.body).toContain('value="forv-kultur"');
    expect(form.body).not.toContain('value="slk-kommunikation-omvarld"');
    const other = await browser.post("/engagemang", agreement({ action: "save" }));
    expect(other.statusCode).toBe(422);
    expect(other.body).toContain(
      "Du kan bara registrera engagemang för din egen enhet, eller som engagemangets ansvariga handläggare",
    );
    const own = await browser.post(
      "/engagemang",
      agreement({ action: "save", type: "visit", unitId: "forv-kultur", theme: "", endDate: "" }),
    );
    expect(own.statusCode).toBe(303);
  });

  it("lists engagements with filters, in Swedish and English", async () => {
    const browser = new TestClient(t.app);
    await browser.login("lasare");
    const list = await browser.get("/engagemang?type=cooperation_agreement&year=2027");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Samarbetsavtal om kollektivtrafik med en nordisk huvudstad");
    expect(list.body).not.toContain('href="/engagemang/ny"');
    const none = await browser.get("/engagemang?type=cooperation_agreement&year=2030");
    expect(none.body).toContain("Inga engagemang matchar urvalet.");
    const bad = await browser.get("/engagemang?type=castle&year=20x");
    expect(bad.statusCode).toBe(422);
    const en = await browser.get("/engagemang", { "accept-language": "en" });
    expect(en.body).toContain("International engagements");
  });
});
