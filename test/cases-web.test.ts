import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoClassId } from "./helpers/demo.ts";

let t: TestApp;
let token: string;
let classId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "registrator");
  token = (await createToken(t.ctx, "system", user!, { name: "cases" })).token;
  classId = await demoClassId(t, "2019", "2.4");
});
afterAll(async () => {
  await t.close();
});

const api = (method: "GET" | "POST" | "PATCH", url: string, payload?: object) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });

describe("case pages", () => {
  it("opens a case from the form, with its parties, and shows it", async () => {
    const clerk = new TestClient(t.app);
    await clerk.login("registrator");
    await clerk.get("/arenden/nytt");
    const res = await clerk.post("/arenden/nytt", {
      registryId: "ks",
      diaryNumber: "",
      title: "Besök från Oslo kommune om skolutveckling",
      publicTitle: "",
      classId,
      unitId: "forv-utbildning",
      officerId: "",
      parties: "Oslo kommune, Utdanningsetaten\nKari Nordmann",
    });
    expect(res.statusCode).toBe(303);
    const page = await clerk.get(String(res.headers.location));
    expect(page.body).toContain("Besök från Oslo kommune om skolutveckling");
    expect(page.body).toMatch(/KS \d{4}\/\d+/);
    expect(page.body).toContain("Oslo kommune, Utdanningsetaten");
    expect(page.body).toContain("Kari Nordmann");
    expect(page.body).toContain("case.open");
  });

  it("shows every problem of the form at once and keeps the answers", async () => {
    const clerk = new TestClient(t.app);
    await clerk.login("registrator");
    await clerk.get("/arenden/nytt");
    const before = await t.ctx.db.selectFrom("cases").select("id").execute();
    const res = await clerk.post("/arenden/nytt", {
      registryId: "ks",
      diaryNumber: "KS nittonhundra",
      title: "",
      classId: "",
      unitId: "",
      parties: "Behållen part",
    });
    expect(res.statusCode).toBe(422);
    for (const field of ["diaryNumber", "title", "classId", "unitId"])
      expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain("Behållen part");
    expect(res.body).toContain('value="KS nittonhundra"');
    expect((await t.ctx.db.selectFrom("cases").select("id").execute()).length).toBe(before.length);
  });

  it("lists cases newest first with a filter and a next page", async () => {
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    const page = await reader.get("/arenden?status=open&registryId=ks");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("KS 171-482/2016");
    expect(page.body).not.toContain("/arenden/nytt");
  });
});

describe("case pages, refusals", () => {
  it("drops a bad filter value without losing the others", async () => {
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    const page = await reader.get("/arenden?status=closed&year=abc&registryId=ks");
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain("KS 171-482/2016");
    expect(page.body).toContain('<option value="closed" selected');
  });

  it("answers 409 for the edit form of a closed case", async () => {
    const clerk = new TestClient(t.app);
    await clerk.login("registrator");
    const created = (
      await api("POST", "/api/v1/cases", { registryId: "ks", title: "Stängt ärende", classId, unitId: "slk" })
    ).json();
    await api("POST", `/api/v1/cases/${created.id}/close`);
    const form = await clerk.get(`/arenden/${created.id}/andra`);
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain("Steget är inte tillåtet nu");
  });
});

describe("cases API", () => {
  it("opens, reads, changes and closes a case; a refused step answers 409 naming the allowed ones", async () => {
    const created = await api("POST", "/api/v1/cases", {
      registryId: "ks",
      title: "Delegation från Tallinn om digitala tjänster",
      classId,
      unitId: "slk",
      parties: [{ name: "Tallinna Linnakantselei" }],
    });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({
      status: "open",
      unitId: "slk",
      parties: [{ name: "Tallinna Linnakantselei" }],
    });
    expect(c.diaryNumber).toMatch(/^KS \d{4}\/\d+$/);

    const patched = await api("PATCH", `/api/v1/cases/${c.id}`, {
      title: "Delegation från Tallinn om e-tjänster",
    });
    expect(patched.json()).toMatchObject({
      title: "Delegation från Tallinn om e-tjänster",
      unitId: "slk",
      classId,
    });

    expect((await api("POST", `/api/v1/cases/${c.id}/close`)).json().status).toBe("closed");
    const refused = await api("PATCH", `/api/v1/cases/${c.id}`, { title: "För sent" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: "conflict", allowed: ["reopen"] });
    expect((await api("POST", `/api/v1/cases/${c.id}/reopen`)).json().status).toBe("open");
  });

  it("pages through the register with a cursor", async () => {
    const first = await api("GET", "/api/v1/cases?limit=5&registryId=ks");
    const body = first.json();
    expect(body.items).toHaveLength(5);
    expect(body.nextCursor).toEqual(expect.any(String));
    const second = (
      await api("GET", `/api/v1/cases?limit=5&registryId=ks&cursor=${encodeURIComponent(body.nextCursor)}`)
    ).json();
    const ids = [...body.items, ...second.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const dates = [...body.items, ...second.items].map((c: { openedOn: string }) => c.openedOn);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it("refuses a case with every field's problem and writes nothing", async () => {
    const res = await api("POST", "/api/v1/cases", {
      registryId: "ks",
      title: "",
      classId: "x",
      unitId: "y",
      color: "blå",
    });
    expect(res.statusCode).toBe(422);
    expect(
      res
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual(["classId", "color", "title", "unitId"]);
  });
});
