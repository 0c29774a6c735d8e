import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

let t: TestApp;
let admin: TestClient;
let token: string;

beforeAll(async () => {
  t = await buildTestApp();
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "admin");
  if (!user) throw new Error("no admin");
  token = (await createToken(t.ctx, "system", user, { name: "bad input" })).token;
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  admin = new TestClient(t.app);
  await admin.login("admin");
});

/** Row counts of everything a refused request could have touched. */
async function counts() {
  const [units, users, events] = await Promise.all([
    t.ctx.db.selectFrom("units").selectAll().execute(),
    t.ctx.db.selectFrom("users").select("id").execute(),
    t.ctx.db.selectFrom("audit_events").select("seq").where("action", "not like", "auth.%").execute(),
  ]);
  return { units: JSON.stringify(units), users: users.length, events: events.length };
}

const api = (
  method: "GET" | "PUT",
  url: string,
  extra: { headers?: Record<string, string>; payload?: unknown } = {},
) =>
  t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...extra.headers },
    ...(extra.payload !== undefined ? { payload: extra.payload as string } : {}),
  });

describe("bad input to forms", () => {
  it("reports every field's problem at once, keeps the answers and writes nothing", async () => {
    const before = await counts();
    await admin.get("/organisation/ny");
    const res = await admin.post("/organisation/ny", {
      name: "x".repeat(201),
      type: "kyrka",
      email: "inte-en-adress",
      phone: "ring mig",
      parentId: "finns-inte",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<title>Fel: /);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0] ?? "";
    for (const field of ["name", "type", "email", "phone", "parentId"])
      expect(summary).toContain(`href="#${field}"`);
    expect(summary).toContain("Får vara högst 200 tecken");
    expect(summary).toContain("Välj ett av alternativen");
    expect(summary).toContain("Skriv en e-postadress");
    expect(res.body).toContain('value="inte-en-adress"');
    expect(await counts()).toEqual(before);
  });

  it("refuses unknown fields", async () => {
    const before = await counts();
    await admin.get("/organisation/ny");
    const res = await admin.post("/organisation/ny", {
      name: "Ny nämnd",
      type: "specialist_committee",
      role: "admin",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Fältet är okänt");
    expect(await counts()).toEqual(before);
  });

  it("answers a user form in English for an English reader, with every problem", async () => {
    await admin.post("/sprak", { locale: "en", next: "/" });
    await admin.get("/admin/anvandare/ny");
    const res = await admin.post("/admin/anvandare/ny", {
      username: "Not Valid!",
      displayName: "",
      role: "remissinstans",
      unitId: "",
      password: "passwordpassword1",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("The username may only have");
    expect(res.body).toContain("Enter a value");
    expect(res.body).toContain("This role must be bound to a unit");
    expect(res.body).toContain("too common");
    expect(res.body).not.toContain('value="passwordpassword1"');
  });

  it("refuses a form sent with the wrong content type", async () => {
    const before = await counts();
    const res = await t.app.inject({
      method: "POST",
      url: "/organisation/ny",
      headers: {
        cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        "content-type": "application/xml",
      },
      payload: "<unit><name>XML-nämnden</name></unit>",
    });
    expect(res.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("refuses a body larger than the limit", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/logga-in",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `username=${"a".repeat(2 * 1024 * 1024)}`,
    });
    expect(res.statusCode).toBe(413);
  });
});

describe("bad input to the API", () => {
  it("answers unknown query parameters and bad limits with 422 naming each", async () => {
    const res = await api("GET", "/api/v1/units?limit=501&sort=name&colour=red");
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe("invalid");
    expect(error.fields.map((f: { field: string }) => f.field).sort()).toEqual(["colour", "limit", "sort"]);
  });

  it("answers malformed JSON with 400 and the one error body", async () => {
    const res = await api("PUT", "/api/v1/units/ks", {
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: { code: "malformed", fields: [] } });
  });

  it("answers a wrong content type with 400", async () => {
    const res = await api("PUT", "/api/v1/units/ks", {
      headers: { "content-type": "text/csv" },
      payload: "name;type",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("unsupported_content_type");
  });

  it("reports every bad field of a JSON body and changes nothing", async () => {
    const before = await counts();
    const res = await api("PUT", "/api/v1/units/ks", {
      payload: { name: "", type: "kyrka", email: "nej", extra: true, phone: 46 },
    });
    expect(res.statusCode).toBe(422);
    const fields = res
      .json()
      .error.fields.map((f: { field: string }) => f.field)
      .sort();
    expect(fields).toEqual(["email", "extra", "name", "phone", "type"]);
    expect(await counts()).toEqual(before);
  });

  it("answers in English when the client asks for it", async () => {
    const res = await api("GET", "/api/v1/units?limit=0", {
      headers: { "accept-language": "en-GB,en;q=0.9" },
    });
    expect(res.json().error.fields[0].message).toBe("Must be at least 1");
  });
});
