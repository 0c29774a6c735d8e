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

/** The signed-in admin's cookies and CSRF token as headers, for requests a form would not send. */
const asAdminSession = () => ({
  cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
  "x-csrf-token": admin.csrfToken,
});

const BOUNDARY = "kanslitest";
const MALFORMED_MULTIPART: Record<string, { contentType: string; payload: string }> = {
  "no boundary": { contentType: "multipart/form-data", payload: "title=x" },
  truncated: {
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nhalf a bod`,
  },
  "truncated file": {
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhal`,
  },
  "garbage instead of parts": {
    contentType: `multipart/form-data; boundary=${BOUNDARY}`,
    payload: "garbage",
  },
};

async function firstCaseId() {
  const row = await t.ctx.db.selectFrom("cases").select("id").executeTakeFirstOrThrow();
  return row.id;
}

describe("malformed requests", () => {
  // An earlier test switches the admin to English; these read the Swedish default.
  beforeEach(async () => {
    await admin.post("/sprak", { locale: "sv", next: "/" });
  });

  it.each(Object.entries(MALFORMED_MULTIPART))(
    "answers a multipart body with %s with 400 malformed, on the API and on the page, and saves nothing",
    async (_name, body) => {
      const id = await firstCaseId();
      const before = await counts();
      const api = await t.app.inject({
        method: "POST",
        url: `/api/v1/cases/${id}/documents`,
        headers: { authorization: `Bearer ${token}`, "content-type": body.contentType },
        payload: body.payload,
      });
      expect(api.statusCode).toBe(400);
      expect(api.json()).toEqual({ error: { code: "malformed", message: "Felaktig begäran", fields: [] } });
      await admin.get(`/arenden/${id}/handlingar/ny`);
      const page = await t.app.inject({
        method: "POST",
        url: `/arenden/${id}/handlingar`,
        headers: { ...asAdminSession(), "content-type": body.contentType },
        payload: body.payload,
      });
      expect(page.statusCode).toBe(400);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
      expect(page.body).toContain("<title>Felaktig begäran");
      expect(await counts()).toEqual(before);
    },
  );

  it("answers bad percent-encodings with 400 malformed in the reader's language", async () => {
    for (const bad of ["%E0%A4%A", "%ZZ", "%", "%C0%AF"]) {
      const sv = await api("GET", `/api/v1/cases/${bad}`);
      expect(sv.statusCode).toBe(400);
      expect(sv.json()).toEqual({ error: { code: "malformed", message: "Felaktig begäran", fields: [] } });
      const en = await api("GET", `/api/v1/cases/${bad}`, { headers: { "accept-language": "en" } });
      expect(en.json().error.message).toBe("Bad request");
      const page = await t.app.inject({
        method: "GET",
        url: `/arenden/${bad}`,
        headers: { "accept-language": "en" },
      });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain("<title>Bad request");
      // Answered before any hook, yet with the same security headers as every page.
      expect(page.headers["content-security-policy"]).toContain("default-src 'self'");
    }
  });

  it("answers over-long ids and URLs with 414, on the API and on the page", async () => {
    const longId = await api("GET", `/api/v1/cases/${"a".repeat(101)}`, {
      headers: { "accept-language": "en" },
    });
    expect(longId.statusCode).toBe(414);
    expect(longId.json()).toEqual({
      error: { code: "uri_too_long", message: "Address too long", fields: [] },
    });
    const longUrl = await api("GET", `/api/v1/cases?cursor=${"c".repeat(9000)}`);
    expect(longUrl.statusCode).toBe(414);
    expect(longUrl.json()).toEqual({
      error: { code: "uri_too_long", message: "För lång adress", fields: [] },
    });
    const page = await t.app.inject({ method: "GET", url: `/arenden/${"a".repeat(500)}` });
    expect(page.statusCode).toBe(414);
    expect(page.body).toContain("<title>För lång adress");
  });

  it("refuses NUL and lone surrogates in any text of a JSON body, naming each field, and saves nothing", async () => {
    const before = await counts();
    const res = await api("PUT", "/api/v1/units/ks", {
      headers: { "content-type": "application/json" },
      // Written by hand: JSON.stringify would escape the lone surrogates.
      payload:
        '{"name":"Stads\\u0000ledning","email":"\\ud800@example.org","address":"ok \\udc00 inte","phone":"08"}',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual(
      ["address", "email", "name"].map((field) => ({
        field,
        message: "Texten innehåller tecken som inte kan sparas (nolltecken eller trasiga tecken)",
      })),
    );
    expect(await counts()).toEqual(before);
  });

  it("refuses NUL in a query string and in a form, naming the field", async () => {
    const query = await api("GET", "/api/v1/cases?cursor=a%00b");
    expect(query.statusCode).toBe(422);
    expect(query.json().error.fields).toEqual([
      {
        field: "cursor",
        message: "Texten innehåller tecken som inte kan sparas (nolltecken eller trasiga tecken)",
      },
    ]);
    const anonymous = await t.app.inject({
      method: "GET",
      url: "/api/v1/public/search?q=%00",
      headers: { "accept-language": "en" },
    });
    expect(anonymous.statusCode).toBe(422);
    expect(anonymous.json().error.fields).toEqual([
      { field: "q", message: "The text contains characters that cannot be saved (NUL or broken characters)" },
    ]);
    const before = await counts();
    await admin.get("/organisation/ny");
    const form = await admin.post("/organisation/ny", {
      name: "Noll\u0000nämnden",
      type: "specialist_committee",
    });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain("name: Texten innehåller tecken som inte kan sparas");
    expect(await counts()).toEqual(before);
  });

  it("answers malformed multipart and urlencoded bodies to every page form with a page, never a server error", async () => {
    const posts = [...new Set(t.app.routeList)]
      // Signing out would end the session the rest of the loop needs.
      .filter((r) => r.startsWith("POST /") && !r.startsWith("POST /api/") && !r.startsWith("POST /logga-ut"))
      .map((r) => r.slice(5).replace(/:\w+/g, "01a00000-0000-7000-8000-000000000000"));
    expect(posts.length).toBeGreaterThan(30);
    await admin.get("/");
    const failures: string[] = [];
    for (const url of posts) {
      const bodies = [
        ...Object.values(MALFORMED_MULTIPART),
        {
          contentType: "application/x-www-form-urlencoded",
          payload: `_csrf=${encodeURIComponent(admin.csrfToken)}&%ZZ=%E0%A4%A&a=%ED%A0%80&b[c]=1&&=&next=%ZZ`,
        },
      ];
      for (const body of bodies) {
        const res = await t.app.inject({
          method: "POST",
          url,
          headers: { ...asAdminSession(), "content-type": body.contentType },
          payload: body.payload,
        });
        const page = /^text\/html/.test(String(res.headers["content-type"]));
        if (res.statusCode >= 500 || (res.statusCode >= 400 && !page))
          failures.push(`${res.statusCode} ${url} ${body.contentType}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers every page with a path parameter, given one no record has, with a page, never a server error", async () => {
    const pages = [...new Set(t.app.routeList)].filter(
      (r) => r.startsWith("GET /") && !r.startsWith("GET /api/") && r.includes(":"),
    );
    expect(pages.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const route of pages)
      for (const value of [
        "01a00000-0000-7000-8000-000000000000",
        "x".repeat(100),
        "-1",
        "99999999999",
        "%C3%85%20%2F",
      ]) {
        const url = route.slice(4).replace(/:\w+/g, value);
        const res = await admin.get(url);
        const page = /^text\/html/.test(String(res.headers["content-type"]));
        if (res.statusCode >= 500 || (res.statusCode >= 400 && !page))
          failures.push(`${res.statusCode} ${url}`);
      }
    expect(failures).toEqual([]);
  });
});
