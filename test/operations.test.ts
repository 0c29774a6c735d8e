import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { multipart, TestClient } from "./helpers/client.ts";
import { importRead } from "./helpers/imports.ts";

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

  it("gives admins the business metrics: outbox, audit head, reminders, imports, last backup", async () => {
    const scrape = async () =>
      (
        await t.app.inject({
          url: "/metrics",
          headers: { authorization: `Bearer ${await tokenFor("admin")}` },
        })
      ).body;
    const value = (body: string, series: string) =>
      Number(new RegExp(`^${series.replace(/[{}"]/g, "\\$&")} (\\S+)$`, "m").exec(body)?.[1] ?? Number.NaN);
    const pending = Number(
      (
        await t.ctx.db
          .selectFrom("mail_outbox")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("status", "=", "pending")
          .executeTakeFirstOrThrow()
      ).n,
    );
    const { last_seq } = await t.ctx.db.selectFrom("audit_head").select("last_seq").executeTakeFirstOrThrow();
    const before = await scrape();
    expect(value(before, 'kansli_mail_outbox_messages{status="pending"}')).toBe(pending);
    expect(value(before, "kansli_audit_head_sequence")).toBeGreaterThanOrEqual(Number(last_seq));
    expect(before).toContain("kansli_reminder_runs_total");
    expect(before).toContain("kansli_reminder_mails_total");
    expect(value(before, "kansli_last_backup_timestamp_seconds")).toBe(0);

    // An import read in this process is timed by outcome.
    const readBefore = value(before, 'kansli_import_read_seconds_count{outcome="read"}') || 0;
    const { payload, contentType } = multipart(
      {},
      { fileName: "remiss.txt", bytes: Buffer.from("Remiss av riktlinjer\nSvar senast den 4 maj 2027.\n") },
    );
    const uploaded = await t.app.inject({
      method: "POST",
      url: "/api/v1/imports",
      headers: { authorization: `Bearer ${await tokenFor("registrator")}`, "content-type": contentType },
      payload,
    });
    expect(uploaded.statusCode).toBe(202);
    expect(await importRead(t.ctx.db, uploaded.json().id)).toBe("pending");
    expect(value(await scrape(), 'kansli_import_read_seconds_count{outcome="read"}')).toBe(readBefore + 1);

    // A complete `kansli backup` sets the time of the last backup.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-ops-"));
    const started = Date.now() / 1000;
    const made = await runCli(["backup", path.join(folder, "b.tar")], cliEnv(t.database));
    expect(made.code).toBe(0);
    expect(value(await scrape(), "kansli_last_backup_timestamp_seconds")).toBeGreaterThanOrEqual(
      Math.floor(started),
    );
    fs.rmSync(folder, { recursive: true, force: true });
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

describe("logs", () => {
  it("writes one JSON line per request, with the signed-in user's id", async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logged = await buildTestApp({ logStream });
    const client = new TestClient(logged.app);
    await client.login("lasare");
    await client.get("/organisation");
    const user = await findUserByUsername(logged.ctx.db, logged.config.tenantId, "lasare");
    const requests = lines
      .flatMap((l) => l.split("\n").filter(Boolean))
      .map((l) => JSON.parse(l))
      .filter((l) => l.msg === "request completed");
    expect(requests.find((l) => l.req?.url === "/organisation")?.userId).toBe(user?.id);
    expect(requests.find((l) => l.req?.url === "/logga-in")?.userId ?? null).toBeNull();
    await logged.close();
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
