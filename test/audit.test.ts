import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { verifyAudit } from "../src/platform/audit/audit.service.ts";
import { buildTestApp, DEMO_PASSWORD, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { TEST_AUDIT_KEY, TEST_DIALECT } from "./helpers/database.ts";

let t: TestApp;
const key = Buffer.from(TEST_AUDIT_KEY);
afterEach(async () => {
  await t?.close();
});

/** Plays an attacker with direct database access: lifts the append-only guard first. */
async function tamper(sql: string) {
  if (TEST_DIALECT === "postgres") {
    await t.database.raw(`alter table audit_events disable trigger audit_events_append_only; ${sql};
      alter table audit_events enable trigger audit_events_append_only`);
  } else {
    await t.database.raw(`drop trigger audit_events_no_update; drop trigger audit_events_no_delete; ${sql}`);
  }
}

describe("audit trail", () => {
  it("records state changes, logins and failed logins with actor, subject, before/after and a hash chain", async () => {
    t = await buildTestApp();
    const admin = new TestClient(t.app);
    await admin.login("admin", "fel-losenord");
    await admin.login("admin");
    await admin.get("/organisation/ks/andra");
    await admin.post("/organisation/ks/andra", {
      name: "Kommunstyrelsen",
      shortName: "KS",
      type: "executive_board",
      parentId: "kf",
      phone: "08-508 000 00",
    });
    const events = await t.ctx.db.selectFrom("audit_events").selectAll().orderBy("seq").execute();
    const actions = events.map((e) => e.action);
    expect(actions).toContain("auth.login_failed");
    expect(actions).toContain("auth.login");
    const update = events.find((e) => e.action === "unit.update");
    expect(update?.actor_label).toBe("admin");
    expect(update?.subject_id).toBe("ks");
    expect(JSON.parse(update?.before_json ?? "{}").phone).toBe("08-508 29 000");
    expect(JSON.parse(update?.after_json ?? "{}").phone).toBe("08-508 000 00");
    for (let i = 1; i < events.length; i++) expect(events[i]?.prev_hash).toBe(events[i - 1]?.hash);
    expect(await verifyAudit(t.ctx.db, key)).toMatchObject({ ok: true, count: events.length });
  });

  it("cannot be changed or deleted through the database's own guard", async () => {
    t = await buildTestApp();
    await expect(t.database.raw("update audit_events set actor_label = 'x' where seq = 1")).rejects.toThrow(
      /not allowed/,
    );
    await expect(t.database.raw("delete from audit_events where seq = 1")).rejects.toThrow(/not allowed/);
  });

  it("verify names the first event that was edited", async () => {
    t = await buildTestApp();
    await tamper("update audit_events set actor_label = 'someone-else' where seq = 7");
    expect(await verifyAudit(t.ctx.db, key)).toMatchObject({ ok: false, seq: 7, problem: "changed" });
  });

  it("verify names the event that was removed, in the middle or at the end", async () => {
    t = await buildTestApp();
    const total = (await t.ctx.db.selectFrom("audit_events").select("seq").execute()).length;
    await tamper("delete from audit_events where seq = 12");
    expect(await verifyAudit(t.ctx.db, key)).toMatchObject({ ok: false, seq: 12, problem: "removed" });
    await t.close();

    t = await buildTestApp();
    await tamper(`delete from audit_events where seq = ${total}`);
    expect(await verifyAudit(t.ctx.db, key)).toMatchObject({ ok: false, seq: total, problem: "removed" });
  });

  it("never records passwords or tokens, and neither do the logs", async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    t = await buildTestApp({ logStream });
    const client = new TestClient(t.app);
    await client.login("handlaggare", "ett-felaktigt-hemligt-losenord");
    await client.login("handlaggare");
    await client.get("/konto");
    const created = await client.post("/konto/nycklar", { name: "mitt skript" });
    const token = /<code class="token">([^<]+)<\/code>/.exec(created.body)?.[1] ?? "";
    expect(token).toMatch(/^kansli_/);
    const api = await t.app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    expect(api.statusCode).toBe(200);

    const audit = JSON.stringify(await t.ctx.db.selectFrom("audit_events").selectAll().execute());
    const stored = JSON.stringify(await t.ctx.db.selectFrom("api_tokens").selectAll().execute());
    const logs = lines.join("");
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [
      DEMO_PASSWORD,
      "ett-felaktigt-hemligt-losenord",
      token,
      client.cookies.get("kansli_session") ?? "x",
    ]) {
      expect(audit).not.toContain(secret);
      expect(logs).not.toContain(secret);
      expect(stored).not.toContain(secret);
    }
  });
});
