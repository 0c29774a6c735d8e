import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { openCase } from "../src/registry/cases.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoClassId, newOfficer } from "./helpers/demo.ts";

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
    expect(page.body).toContain("Ärende upprättat");
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

describe("who sees and changes a case (issue 14)", () => {
  const UNIT = "sdn-rinkeby-kista";
  const REAL = "Stöd till familjen Qvarnström efter brand";
  const PUBLIC = "Stöd till en familj efter brand";
  const HIDDEN = "Tove Qvarnström";
  let caseId: string;
  let secretId: string;
  let draftId: string;

  beforeAll(async () => {
    const c = await openCase(t.ctx, "system", {
      registryId: "ks",
      title: REAL,
      publicTitle: PUBLIC,
      classId,
      unitId: UNIT,
      parties: [{ name: HIDDEN, protectedIdentity: true }, { name: "Räddningstjänsten Storstockholm" }],
    });
    caseId = c.id;
    secretId = (
      await registerDocument(
        t.ctx,
        "system",
        c.id,
        {
          direction: "incoming",
          party: HIDDEN,
          publicParty: "Enskild",
          description: "Qvarnströms ansökan om ersättningsbostad",
          publicDescription: "Ansökan från enskild",
          secrecyProvision: "26 kap. 1 § OSL",
          secrecyMarkedOn: c.openedOn,
          secrecyAuthority: "Socialnämnden",
        },
        null,
      )
    ).id;
    draftId = (
      await registerDocument(
        t.ctx,
        "system",
        c.id,
        { direction: "outgoing", party: "Räddningstjänsten", description: "Utkast till svar", draft: true },
        null,
      )
    ).id;
    await newOfficer(t, "rk-handlaggare", UNIT);
    await newOfficer(t, "miljo-handlaggare", "forv-miljo");
  });

  const signedIn = async (username: string) => {
    const client = new TestClient(t.app);
    await client.login(username);
    return client;
  };
  /** What the register holds of the case, to show that a refused write changed nothing. */
  const snapshot = async () => ({
    c: await t.ctx.db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirstOrThrow(),
    parties: await t.ctx.db.selectFrom("case_parties").select("id").where("case_id", "=", caseId).execute(),
    documents: await t.ctx.db
      .selectFrom("documents")
      .select(["id", "status", "signed_off_on"])
      .where("case_id", "=", caseId)
      .execute(),
  });

  it("registry staff and the unit's officers see it in full; every other role as the public register", async () => {
    for (const [username, full] of [
      ["admin", true],
      ["registrator", true],
      ["rk-handlaggare", true],
      ["handlaggare", false],
      ["miljo-handlaggare", false],
      ["lasare", false],
      ["remissinstans", false],
      ["kontaktperson", false],
      ["beslutsfattare", false],
    ] as const) {
      const client = await signedIn(username);
      const page = (await client.get(`/arenden/${caseId}`)).body;
      const json = (await client.get(`/api/v1/cases/${caseId}`)).json();
      const docs = (await client.get(`/api/v1/cases/${caseId}/documents`)).json().items;
      if (full) {
        expect(page, username).toContain(REAL);
        expect(page, username).toContain(HIDDEN);
        expect(json, username).toMatchObject({ title: REAL, visibility: "full" });
        expect(docs.map((d: { description: string }) => d.description).sort(), username).toEqual([
          "Qvarnströms ansökan om ersättningsbostad",
          "Utkast till svar",
        ]);
      } else {
        expect(page, username).toContain(PUBLIC);
        expect(page, username).toContain("[skyddad identitet]");
        expect(`${page}${JSON.stringify(json)}${JSON.stringify(docs)}`, username).not.toMatch(
          /Qvarnstr|Utkast/,
        );
        expect(json, username).toMatchObject({ title: PUBLIC, publicTitle: PUBLIC, visibility: "public" });
        expect(json.parties[0], username).toEqual({
          id: expect.any(String),
          name: "[skyddad identitet]",
          organisation: null,
          email: null,
          protectedIdentity: true,
        });
        expect(
          docs.map((d: { description: string }) => d.description),
          username,
        ).toEqual(["Ansökan från enskild"]);
        expect((await client.get(`/handlingar/${draftId}`)).statusCode, username).toBe(404);
        expect((await client.get(`/handlingar/${secretId}/filer/1`)).statusCode, username).toBe(404);
      }
    }
    const english = await signedIn("lasare");
    const en = await english.get(`/api/v1/cases/${caseId}`, { "accept-language": "en" });
    expect(en.json().parties[0].name).toBe("[protected identity]");
  });

  it("an officer of another unit may not change it: 403, or 404 for a draft, and nothing changes", async () => {
    const before = await snapshot();
    const other = await signedIn("miljo-handlaggare");
    await other.get(`/arenden/${caseId}`);
    const edit = { title: "Ändrad", publicTitle: "", classId, unitId: UNIT, officerId: "" };
    expect((await other.get(`/arenden/${caseId}/andra`)).statusCode).toBe(403);
    expect((await other.post(`/arenden/${caseId}/andra`, edit)).statusCode).toBe(403);
    expect((await other.post(`/arenden/${caseId}/avsluta`)).statusCode).toBe(403);
    expect((await other.post(`/arenden/${caseId}/parter`, { name: "Ny part" })).statusCode).toBe(403);
    expect((await other.get(`/arenden/${caseId}/handlingar/ny`)).statusCode).toBe(403);
    const newDocument = { direction: "incoming", party: "Någon", description: "Brev" };
    expect((await other.post(`/arenden/${caseId}/handlingar`, newDocument)).statusCode).toBe(403);
    expect((await other.post(`/handlingar/${secretId}/avskriv`, { kind: "noted" })).statusCode).toBe(403);
    expect((await other.post(`/handlingar/${draftId}/registrera`)).statusCode).toBe(404);
    expect((await other.post(`/handlingar/${draftId}/versioner`)).statusCode).toBe(404);
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "miljo-handlaggare");
    const bearer = (await createToken(t.ctx, "system", user!, { name: "other unit" })).token;
    const json = (method: "PATCH" | "POST", url: string, payload: object) =>
      t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${bearer}` } });
    expect((await json("PATCH", `/api/v1/cases/${caseId}`, { title: "Ändrad" })).statusCode).toBe(403);
    expect((await json("POST", `/api/v1/cases/${caseId}/close`, {})).statusCode).toBe(403);
    expect((await json("POST", `/api/v1/cases/${caseId}/documents`, newDocument)).statusCode).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("the unit's officer changes it and adds a party with protected identity on the case page", async () => {
    const officer = await signedIn("rk-handlaggare");
    const page = await officer.get(`/arenden/${caseId}`);
    expect(page.body).toContain('<label for="protectedIdentity">Skyddad identitet');
    const refused = await officer.post(`/arenden/${caseId}/parter`, { name: "", email: "inte-en-adress" });
    expect(refused.statusCode).toBe(422);
    for (const field of ["name", "email"]) expect(refused.body).toContain(`href="#${field}"`);
    expect(refused.body).toContain('value="inte-en-adress"');
    expect((await snapshot()).parties).toHaveLength(2);

    const added = await officer.post(`/arenden/${caseId}/parter`, {
      name: "Lo Qvarnström",
      protectedIdentity: "on",
    });
    expect(added.statusCode).toBe(303);
    expect((await officer.get(`/arenden/${caseId}`)).body).toContain("Lo Qvarnström (skyddad identitet)");
    const reader = await signedIn("lasare");
    const masked = (await reader.get(`/arenden/${caseId}`)).body;
    expect(masked).not.toContain("Lo Qvarnström");
    expect(masked.split("[skyddad identitet]").length - 1).toBe(2);
    // Neither the public search nor a reader's finds the case by the protected name.
    expect((await reader.get("/api/v1/search?q=Qvarnström")).json().items).toEqual([]);

    await officer.get(`/arenden/${caseId}/andra`);
    const edited = await officer.post(`/arenden/${caseId}/andra`, {
      title: `${REAL} i Kista`,
      publicTitle: PUBLIC,
      classId,
      unitId: UNIT,
      officerId: "",
    });
    expect(edited.statusCode).toBe(303);
  });
});
