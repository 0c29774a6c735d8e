import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvField } from "../src/platform/csv.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await buildTestApp();
  admin = new TestClient(t.app);
  await admin.login("admin");
});
afterAll(async () => {
  await t.close();
});

const units = () => t.ctx.db.selectFrom("units").selectAll().execute();

describe("organisation", () => {
  it("holds the demo organisation of domain.md §2", async () => {
    const all = await units();
    const named = (name: string) => all.find((u) => u.name === name);
    expect(all.filter((u) => u.type === "specialist_committee")).toHaveLength(15);
    for (const c of all.filter((u) => u.type === "specialist_committee")) {
      expect(
        all.some((a) => a.type === "administration" && a.parent_id === c.id),
        c.name,
      ).toBe(true);
    }
    for (const d of [
      "Hägersten-Liljeholmens stadsdelsnämnd",
      "Rinkeby-Kista stadsdelsnämnd",
      "Södermalms stadsdelsnämnd",
    ]) {
      expect(named(d)?.type).toBe("district_committee");
    }
    expect(named("Finansroteln")?.parent_id).toBe("ks");
    expect(named("Kommunikations- och omvärldsavdelningen")?.parent_id).toBe("slk");
    expect(named("Internationella beredningen")?.type).toBe("preparatory_group");
    expect(named("Stockholms Stadshus AB")?.type).toBe("company");
    expect(all.filter((u) => u.parent_id === "stadshus").length).toBeGreaterThanOrEqual(3);
    expect(named("Stockholmsregionens Europakontor AB")?.parent_id).toBe("sef");
    expect(all.every((u) => u.functional_mailbox?.endsWith("@stockholm.example"))).toBe(true);
  });

  it("lets an admin create a unit and change it, recording both", async () => {
    await admin.get("/organisation/ny");
    const created = await admin.post("/organisation/ny", {
      name: "Internationella enheten",
      shortName: "IE",
      type: "office_unit",
      parentId: "slk",
      functionalMailbox: "internationella@stockholm.example",
    });
    expect(created.statusCode).toBe(303);
    const id = decodeURIComponent(String(created.headers.location).split("/").pop() ?? "");
    const page = await admin.get(`/organisation/${id}`);
    expect(page.body).toContain("Internationella enheten");
    expect(page.body).toContain("Stadsledningskontoret");
    await admin.get(`/organisation/${id}/andra`);
    const changed = await admin.post(`/organisation/${id}/andra`, {
      name: "Enheten för internationellt arbete",
      type: "office_unit",
      parentId: "slk",
    });
    expect(changed.statusCode).toBe(303);
    const row = (await units()).find((u) => u.id === id);
    expect(row?.name).toBe("Enheten för internationellt arbete");
    expect(row?.short_name).toBeNull();
    const events = await t.ctx.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", id)
      .execute();
    expect(events.map((e) => e.action)).toEqual(["unit.create", "unit.update"]);
  });

  it("refuses to place a unit under itself or below itself", async () => {
    await admin.get("/organisation/fn-kultur/andra");
    const res = await admin.post("/organisation/fn-kultur/andra", {
      name: "Kulturnämnden",
      type: "specialist_committee",
      parentId: "forv-kultur",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("kan inte ligga under sig själv");
    expect((await units()).find((u) => u.id === "fn-kultur")?.parent_id).toBe("kf");
  });

  it("exports the organisation as CSV that Excel opens safely", async () => {
    const res = await admin.get("/organisation.csv");
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toContain("organisation.csv");
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toContain('"Namn";"Förkortning";"Typ"');
    expect(lines.length).toBe((await units()).length + 1);
    expect(res.body).toContain('"Kommunstyrelsen";"KS";"Kommunstyrelse";"Kommunfullmäktige"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it("shows edit buttons only to those who may edit", async () => {
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    expect((await reader.get("/organisation/ks")).body).not.toContain("/organisation/ks/andra");
    expect((await reader.get("/organisation")).body).not.toContain("/organisation/ny");
    expect((await admin.get("/organisation/ks")).body).toContain("/organisation/ks/andra");
  });
});
