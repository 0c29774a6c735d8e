import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const tokenFor = async (username: string) => {
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, username);
  if (!user) throw new Error(username);
  return (await createToken(t.ctx, "system", user, { name: "ops" })).token;
};

describe("operations", () => {
  it("answers health and readiness", async () => {
    expect((await t.app.inject({ url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ url: "/readyz" })).json()).toEqual({ status: "ready" });
  });

  it("gives every answer a request id, keeping a sane one from the client", async () => {
    const given = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "abc-123" } });
    expect(given.headers["x-request-id"]).toBe("abc-123");
    const made = await t.app.inject({ url: "/healthz", headers: { "x-request-id": "<script>" } });
    expect(made.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("shows Prometheus metrics to admins only", async () => {
    expect((await t.app.inject({ url: "/metrics" })).statusCode).toBe(303);
    const reader = await t.app.inject({
      url: "/metrics",
      headers: { authorization: `Bearer ${await tokenFor("lasare")}` },
    });
    expect(reader.statusCode).toBe(403);
    const admin = await t.app.inject({
      url: "/metrics",
      headers: { authorization: `Bearer ${await tokenFor("admin")}` },
    });
    expect(admin.statusCode).toBe(200);
    expect(admin.body).toContain("kansli_http_request_duration_seconds");
    expect(admin.body).toContain("kansli_process_cpu_user_seconds_total");
  });

  it("sends security headers and keeps pages out of caches", async () => {
    const res = await t.app.inject({ url: "/" });
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("no-store");
    const missing = await t.app.inject({ url: "/finns-inte" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(missing.headers["x-frame-options"]).toBe("SAMEORIGIN");
  });
});

describe("when the database is gone", () => {
  it("answers the 500 page without details, and readiness says not ready", async () => {
    const broken = await buildTestApp();
    const client = new TestClient(broken.app);
    await client.login("lasare");
    await broken.database.open.db.destroy();
    const page = await client.get("/organisation");
    expect(page.statusCode).toBe(500);
    expect(page.body).toContain("Något gick fel");
    expect(page.body).not.toMatch(/at .*\.ts:\d+/);
    const api = await broken.app.inject({
      url: "/api/v1/units",
      headers: { authorization: "Bearer kansli_anything" },
    });
    expect(api.json()).toMatchObject({ error: { code: "internal" } });
    expect((await broken.app.inject({ url: "/readyz" })).statusCode).toBe(503);
    await broken.app.close();
    await broken.database.drop().catch(() => undefined);
  });
});
