import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/platform/clock.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const signedIn = async (client: TestClient) => {
  const res = await client.get("/konto");
  return res.statusCode === 200;
};

describe("sessions", () => {
  it("sets the session cookie __Host-, Secure, HttpOnly, SameSite=Lax, signed, Path=/ and no Domain over https", async () => {
    t = await buildTestApp({ env: { KANSLI_PUBLIC_URL: "https://kansli.example" } });
    const client = new TestClient(t.app);
    const res = await client.login("lasare");
    const cookie = String(res.headers["set-cookie"])
      .split(/,(?=\s*[\w-]+=)/)
      .find((c) => c.includes("kansli_session="));
    // A signed cookie: the raw token followed by its signature.
    expect(cookie).toMatch(/^__Host-kansli_session=[\w-]+\.[\w%+/=-]+;/);
    expect(cookie).toMatch(/; Path=\/(;|$)/);
    expect(cookie).not.toMatch(/Domain=/i);
    for (const flag of ["HttpOnly", "SameSite=Lax", "Secure"]) expect(cookie).toContain(flag);
    // The browser sends it back under that name, and it signs the user in; logging out clears it.
    expect(client.cookies.has("__Host-kansli_session")).toBe(true);
    expect(await signedIn(client)).toBe(true);
    const out = await client.post("/logga-ut");
    expect(String(out.headers["set-cookie"])).toMatch(/__Host-kansli_session=;.*Path=\/.*Secure/);
    expect(await signedIn(client)).toBe(false);
  });

  it("keeps the plain cookie name, without Secure, when served over http", async () => {
    t = await buildTestApp({ env: { KANSLI_PUBLIC_URL: "http://localhost:3000" } });
    const client = new TestClient(t.app);
    const res = await client.login("lasare");
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/(^|, )kansli_session=/);
    expect(cookie).not.toContain("__Host-");
    expect(cookie).not.toContain("Secure");
    expect(await signedIn(client)).toBe(true);
  });

  it("refuses a session on its next request after logout", async () => {
    t = await buildTestApp();
    const client = new TestClient(t.app);
    await client.login("handlaggare");
    const stolen = new Map(client.cookies);
    expect(await signedIn(client)).toBe(true);
    await client.post("/logga-ut");
    const replay = new TestClient(t.app);
    for (const [k, v] of stolen) replay.cookies.set(k, v);
    expect(await signedIn(replay)).toBe(false);
  });

  it("logs out everywhere: every other session of the user is refused", async () => {
    t = await buildTestApp();
    const laptop = new TestClient(t.app);
    const phone = new TestClient(t.app);
    await laptop.login("registrator");
    await phone.login("registrator");
    expect(await signedIn(phone)).toBe(true);
    await laptop.get("/konto");
    const res = await laptop.post("/logga-ut-overallt");
    expect(res.statusCode).toBe(303);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(laptop)).toBe(false);
  });

  it("lets an admin revoke another user's sessions", async () => {
    t = await buildTestApp();
    const user = new TestClient(t.app);
    await user.login("lasare");
    const admin = new TestClient(t.app);
    await admin.login("admin");
    const lasare = await t.ctx.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "lasare")
      .executeTakeFirstOrThrow();
    await admin.get("/admin/anvandare");
    const res = await admin.post(`/admin/anvandare/${lasare.id}/avsluta-sessioner`);
    expect(res.statusCode).toBe(303);
    expect(await signedIn(user)).toBe(false);
    expect(await signedIn(admin)).toBe(true);
  });

  it("ends a session after the idle timeout", async () => {
    const clock = new ManualClock(new Date("2026-03-02T08:00:00Z"));
    t = await buildTestApp({ clock, env: { KANSLI_SESSION_IDLE_MINUTES: "30" } });
    const client = new TestClient(t.app);
    await client.login("handlaggare");
    clock.advanceMinutes(29);
    expect(await signedIn(client)).toBe(true);
    clock.advanceMinutes(31);
    expect(await signedIn(client)).toBe(false);
  });

  it("ends a session at the absolute timeout however active it is", async () => {
    const clock = new ManualClock(new Date("2026-03-02T08:00:00Z"));
    t = await buildTestApp({
      clock,
      env: { KANSLI_SESSION_IDLE_MINUTES: "30", KANSLI_SESSION_ABSOLUTE_HOURS: "2" },
    });
    const client = new TestClient(t.app);
    await client.login("handlaggare");
    for (let i = 0; i < 5; i++) {
      clock.advanceMinutes(20);
      expect(await signedIn(client)).toBe(true);
    }
    clock.advanceMinutes(21);
    expect(await signedIn(client)).toBe(false);
  });
});

describe("CSRF", () => {
  it("refuses a state-changing form without the token and writes nothing", async () => {
    t = await buildTestApp();
    const admin = new TestClient(t.app);
    await admin.login("admin");
    const before = await t.ctx.db.selectFrom("units").select("id").execute();
    const res = await admin.post(
      "/organisation/ny",
      { name: "Smygenheten", type: "administration" },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Åtkomst nekad");
    const after = await t.ctx.db.selectFrom("units").select("id").execute();
    expect(after.length).toBe(before.length);
  });

  it("refuses a forged token and a login form without one", async () => {
    t = await buildTestApp();
    const client = new TestClient(t.app);
    await client.get("/logga-in");
    client.csrfToken = "forged-token";
    expect(
      (await client.post("/logga-in", { username: "admin", password: "testlosenord-for-demo-2026" }))
        .statusCode,
    ).toBe(403);
    const stranger = new TestClient(t.app);
    const res = await stranger.post(
      "/logga-in",
      { username: "admin", password: "testlosenord-for-demo-2026" },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    expect(stranger.cookies.has("kansli_session")).toBe(false);
  });

  it("requires the token for API writes that ride on a session cookie", async () => {
    t = await buildTestApp();
    const admin = new TestClient(t.app);
    await admin.login("admin");
    const res = await t.app.inject({
      method: "PUT",
      url: "/api/v1/units/ks",
      headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      payload: { name: "Kapad", type: "council" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf");
  });
});

describe("login protection", () => {
  it("rate-limits login attempts from one address", async () => {
    t = await buildTestApp();
    const client = new TestClient(t.app, "127.9.9.9");
    await client.get("/logga-in");
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push((await client.post("/logga-in", { username: `ingen${i}`, password: "fel" })).statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
