import type { LightMyRequestResponse } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { buildTestApp, DEMO_PASSWORD, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

let t: TestApp;
afterEach(async () => {
  await t?.close();
});

const WRONG = "fel-losenord-igen-och-igen";
const THROTTLED = "För många misslyckade försök. Försök igen om";

/** The error message the login page shows, without the page around it (which repeats the username). */
const shownError = (res: LightMyRequestResponse) =>
  /<a href="#username">([^<]*)<\/a>/.exec(res.body)?.[1] ?? null;
const retryAfter = (res: LightMyRequestResponse) => Number(res.headers["retry-after"]);

describe("sign-in throttling by account and client address", () => {
  it("slows down one address without stopping the right password from another", async () => {
    t = await buildTestApp();
    const attacker = new TestClient(t.app, "127.0.0.1");
    const owner = new TestClient(t.app, "127.0.0.2");
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await attacker.login("admin", WRONG));
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 429]);
    expect(shownError(answers[0] as LightMyRequestResponse)).toBe("Användarnamnet eller lösenordet är fel");
    // Throttled: even the right password from the attacker's address is not checked.
    const refused = await attacker.login("admin");
    expect(refused.statusCode).toBe(429);
    expect(shownError(refused)).toBe("För många misslyckade försök. Försök igen om en minut.");
    expect(retryAfter(refused)).toBeGreaterThan(0);
    expect(retryAfter(refused)).toBeLessThanOrEqual(60);
    // The owner, from another address, signs in at once.
    expect((await owner.login("admin")).statusCode).toBe(303);
    expect((await owner.get("/konto")).statusCode).toBe(200);
    // The attacker's address may still try other accounts (up to the per-address ceiling).
    expect((await attacker.login("registrator")).statusCode).toBe(303);
  });

  it("makes the wait grow with each further failure, up to the longest wait", async () => {
    const clock = new ManualClock(new Date("2026-03-02T08:00:00Z"));
    t = await buildTestApp({ clock, env: { KANSLI_LOGIN_MAX_DELAY_MINUTES: "4" } });
    const client = new TestClient(t.app, "127.0.0.1");
    for (let i = 0; i < 2; i++) expect((await client.login("handlaggare", WRONG)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const failed = await client.login("handlaggare", WRONG);
      expect(failed.statusCode).toBe(429);
      const wait = retryAfter(failed);
      waits.push(wait);
      expect(shownError(failed)).toBe(
        wait === 60 ? `${THROTTLED} en minut.` : `${THROTTLED} ${wait / 60} minuter.`,
      );
      // Trying again before the wait is over is refused, and does not lengthen the wait.
      clock.advanceMinutes(wait / 60 - 0.5);
      const early = await client.login("handlaggare");
      expect(early.statusCode).toBe(429);
      expect(retryAfter(early)).toBe(30);
      clock.advanceMinutes(0.5);
    }
    expect(waits).toEqual([60, 120, 240, 240, 240]);

    expect((await client.login("handlaggare")).statusCode).toBe(303);
    // The right password wiped this address's slate for the account: three free tries again.
    await client.post("/logga-ut");
    expect((await client.login("handlaggare", WRONG)).statusCode).toBe(401);
  });

  it("answers known, unknown and disabled usernames with the same status, message and wait", async () => {
    t = await buildTestApp({ clock: new ManualClock(new Date("2026-03-02T08:00:00Z")) });
    await t.ctx.db
      .updateTable("users")
      .set({ disabled_at: "2026-03-01T00:00:00.000Z" })
      .where("username", "=", "beslutsfattare")
      .execute();
    const answersFor = async (username: string, address: string) => {
      const client = new TestClient(t.app, address);
      const out = [];
      for (let i = 0; i < 5; i++) {
        const res = await client.login(username, WRONG);
        out.push({
          status: res.statusCode,
          message: shownError(res),
          retryAfter: res.headers["retry-after"] ?? null,
        });
      }
      return out;
    };
    const known = await answersFor("registrator", "127.0.0.1");
    const unknown = await answersFor("ingen-sadan-person", "127.0.0.2");
    const disabled = await answersFor("beslutsfattare", "127.0.0.3");
    expect(unknown).toEqual(known);
    expect(disabled).toEqual(known);
    expect(known.map((a) => a.status)).toEqual([401, 401, 429, 429, 429]);
    expect(known[3]?.message).toContain(THROTTLED);
  });

  it("takes as long for an unknown username as for a known one", async () => {
    t = await buildTestApp();
    const timeOf = async (username: string, address: string) => {
      const client = new TestClient(t.app, address);
      await client.get("/logga-in");
      const start = performance.now();
      const res = await client.post("/logga-in", { username, password: WRONG });
      expect(res.statusCode).toBe(401);
      return performance.now() - start;
    };
    await timeOf("lasare", "127.1.0.1"); // warm up: the decoy hash, the prepared statements
    await timeOf("ingen-alls", "127.1.0.2");
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, each from its own address, so a busy moment of the machine hits both alike.
    for (let i = 0; i < 8; i++) {
      known.push(await timeOf("lasare", `127.2.0.${i + 1}`));
      unknown.push(await timeOf(`ingen-${i}`, `127.3.0.${i + 1}`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const [k, u] = [median(known), median(unknown)];
    // Without the decoy verification an unknown name answers in a few ms against tens for argon2.
    expect(Math.abs(k - u)).toBeLessThan(0.5 * Math.max(k, u));
  });

  it("slows down one address that fails for many usernames (credential stuffing)", async () => {
    t = await buildTestApp({ env: { KANSLI_LOGIN_MAX_FAILURES_PER_ADDRESS: "5" } });
    const stuffer = new TestClient(t.app, "127.0.0.1");
    const statuses = [];
    for (const name of ["anna", "bertil", "cecilia", "david", "erik"])
      statuses.push((await stuffer.login(name, WRONG)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const refused = await stuffer.login("lasare");
    expect(refused.statusCode).toBe(429);
    expect(shownError(refused)).toContain(THROTTLED);
    expect((await new TestClient(t.app, "127.0.0.2").login("lasare")).statusCode).toBe(303);
  });

  it("keeps its counts in the database: another process on it refuses too, and old rows are forgotten", async () => {
    const clock = new ManualClock(new Date("2026-03-02T08:00:00Z"));
    t = await buildTestApp({ clock });
    const first = new TestClient(t.app, "127.0.0.1");
    for (let i = 0; i < 3; i++) await first.login("beslutsfattare", WRONG);
    // A second server process on the same database (or this one after a restart).
    const other = await buildApp({ config: t.config, db: t.ctx.db, dialect: t.ctx.dialect, clock });
    try {
      expect((await new TestClient(other, "127.0.0.1").login("beslutsfattare")).statusCode).toBe(429);
      expect((await new TestClient(other, "127.0.0.2").login("beslutsfattare")).statusCode).toBe(303);
    } finally {
      await other.close();
    }
    const rows = () =>
      t.ctx.db.selectFrom("login_failures").select(["scope", "username", "address"]).execute();
    expect(await rows()).toContainEqual({
      scope: "account",
      username: "beslutsfattare",
      address: "127.0.0.1",
    });
    clock.advanceMinutes(25 * 60);
    await new TestClient(t.app, "127.0.0.9").login("beslutsfattare", WRONG);
    expect(await rows()).toEqual(
      expect.arrayContaining([{ scope: "account", username: "beslutsfattare", address: "127.0.0.9" }]),
    );
    expect((await rows()).some((r) => r.address === "127.0.0.1")).toBe(false);
  });

  it("does not let parallel attempts slip past the count", async () => {
    t = await buildTestApp();
    const client = new TestClient(t.app, "127.0.0.1");
    await client.get("/logga-in");
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => client.post("/logga-in", { username: "admin", password: WRONG })),
    );
    const statuses = answers.map((r) => r.statusCode);
    // At most three attempts are counted and checked; the others are refused unchecked.
    const checked = await t.ctx.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "auth.login_failed")
      .execute();
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(2);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(8);
  });

  it("records failures and the start of throttling in the audit trail, with the client address", async () => {
    t = await buildTestApp();
    const client = new TestClient(t.app, "127.0.0.1");
    for (let i = 0; i < 4; i++) await client.login("registrator", WRONG);
    const events = await t.ctx.db
      .selectFrom("audit_events")
      .select(["action", "ip"])
      .where("action", "like", "auth.%")
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      "auth.login_failed",
      "auth.login_failed",
      "auth.login_failed",
      "auth.throttled",
    ]);
    expect(new Set(events.map((e) => e.ip))).toEqual(new Set(["127.0.0.1"]));
  });
});

/** Signs in through a reverse proxy on 127.0.0.1 that names the client in X-Forwarded-For. */
async function loginViaProxy(
  app: TestApp["app"],
  forwardedFor: string,
  username: string,
  password = DEMO_PASSWORD,
) {
  const common = { remoteAddress: "127.0.0.1", url: "/logga-in" };
  const page = await app.inject({ ...common, method: "GET", headers: { "x-forwarded-for": forwardedFor } });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? "";
  return app.inject({
    ...common,
    method: "POST",
    headers: {
      "x-forwarded-for": forwardedFor,
      cookie: page.cookies.map((c) => `${c.name}=${c.value}`).join("; "),
      "content-type": "application/x-www-form-urlencoded",
    },
    payload: new URLSearchParams({ _csrf: token, username, password }).toString(),
  });
}

/** The client address the audit trail recorded for the first failed sign-in. */
const firstFailedSignInAddress = async () =>
  (
    await t.ctx.db
      .selectFrom("audit_events")
      .select("ip")
      .where("action", "=", "auth.login_failed")
      .executeTakeFirstOrThrow()
  ).ip;

describe("client address behind a reverse proxy (KANSLI_TRUST_PROXY)", () => {
  it("throttles by the forwarded client address when the proxy is trusted", async () => {
    t = await buildTestApp({ env: { KANSLI_TRUST_PROXY: "127.0.0.1" } });
    for (let i = 0; i < 3; i++) await loginViaProxy(t.app, "203.0.113.7", "admin", WRONG);
    expect((await loginViaProxy(t.app, "203.0.113.7", "admin")).statusCode).toBe(429);
    expect((await loginViaProxy(t.app, "203.0.113.8", "admin")).statusCode).toBe(303);
    expect(await firstFailedSignInAddress()).toBe("203.0.113.7");
  });

  it("with a hop count, takes the address the proxies in front added, not one the client forged", async () => {
    t = await buildTestApp({ env: { KANSLI_TRUST_PROXY: "2" } });
    // Two proxies (the outer one added the client, the inner one the outer): "198.51.100.9" is forged.
    for (let i = 0; i < 3; i++)
      await loginViaProxy(t.app, `198.51.100.${i}, 203.0.113.7, 10.0.0.2`, "admin", WRONG);
    expect((await loginViaProxy(t.app, "198.51.100.9, 203.0.113.7, 10.0.0.2", "admin")).statusCode).toBe(429);
    expect((await loginViaProxy(t.app, "203.0.113.8, 10.0.0.2", "admin")).statusCode).toBe(303);
    expect(await firstFailedSignInAddress()).toBe("203.0.113.7");
  });

  it("ignores X-Forwarded-For unless told to trust the proxy", async () => {
    t = await buildTestApp();
    for (let i = 0; i < 3; i++) await loginViaProxy(t.app, "203.0.113.7", "admin", WRONG);
    // Forging another forwarded address does not escape: the connection's address counts.
    expect((await loginViaProxy(t.app, "203.0.113.8", "admin")).statusCode).toBe(429);
  });
});
