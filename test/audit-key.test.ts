import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AuditEvent,
  type Checkpoint,
  GENESIS_HASH,
  keyedHash,
  plainHash,
} from "../src/platform/audit/audit.model.ts";
import { verifyAudit } from "../src/platform/audit/audit.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { TestClient } from "./helpers/client.ts";
import { createTestDatabase, TEST_AUDIT_KEY, TEST_DIALECT, type TestDatabase } from "./helpers/database.ts";

const key = Buffer.from(TEST_AUDIT_KEY);
const wrongKey = Buffer.from("not-the-installation-audit-key-0123456789");
type Unhashed = Omit<AuditEvent, "hash">;

let t: TestApp | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Plays a database administrator: lifts the append-only guard on the audit table. */
async function liftGuard(database: TestDatabase) {
  await database.raw(
    TEST_DIALECT === "postgres"
      ? "alter table audit_events disable trigger audit_events_append_only"
      : "drop trigger if exists audit_events_no_update; drop trigger if exists audit_events_no_delete",
  );
}

/**
 * Rewrites event `seq`, then recomputes the links and hashes of it and the events after it (up to
 * `through`) with `hashOf`, and the head, so that the chain hangs together again.
 */
async function rewrite(
  database: TestDatabase,
  seq: number,
  change: Partial<Unhashed>,
  hashOf: (e: Unhashed) => string,
  through?: number,
) {
  await liftGuard(database);
  const { db } = database.open;
  const events = await db
    .selectFrom("audit_events")
    .selectAll()
    .where("seq", ">=", seq)
    .$if(through !== undefined, (q) => q.where("seq", "<=", through as number))
    .orderBy("seq")
    .execute();
  let prev = events[0]?.prev_hash ?? GENESIS_HASH;
  for (const event of events) {
    const { hash: _old, ...rest } = event;
    const rewritten = { ...rest, ...(event.seq === seq ? change : {}), prev_hash: prev };
    prev = hashOf(rewritten);
    await db
      .updateTable("audit_events")
      .set({ ...rewritten, hash: prev })
      .where("seq", "=", event.seq)
      .execute();
  }
  const last = events.at(-1);
  const head = await db.selectFrom("audit_head").select("last_seq").executeTakeFirstOrThrow();
  if (last && last.seq === head.last_seq)
    await db.updateTable("audit_head").set({ last_hash: prev }).execute();
}

const keyed = (e: Unhashed) => keyedHash(e, key);

describe("keyed audit trail", () => {
  it("keys every event with HMAC-SHA-256 and verifies intact with the key", async () => {
    t = await buildTestApp();
    const events = await t.ctx.db.selectFrom("audit_events").selectAll().orderBy("seq").execute();
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) {
      expect(e.hash).toBe(keyedHash(e, key));
      expect(e.hash).not.toBe(plainHash(e));
    }
    expect(await verifyAudit(t.ctx.db, key)).toMatchObject({
      ok: true,
      count: events.length,
      keyedStart: { seq: 1, prevHash: GENESIS_HASH },
    });
    expect(await verifyAudit(t.ctx.db, wrongKey)).toMatchObject({ ok: false, problem: "key" });
  });

  it("fails, naming the event, when a row is rewritten and the plain hashes recomputed", async () => {
    t = await buildTestApp();
    await rewrite(t.database, 5, { actor_label: "someone-else" }, plainHash);
    expect(await verifyAudit(t.ctx.db, key)).toMatchObject({ ok: false, seq: 5, problem: "changed" });
  });

  it("fails when a row is rewritten and the hashes recomputed with a wrong key", async () => {
    t = await buildTestApp();
    await rewrite(t.database, 6, { action: "unit.delete" }, (e) => keyedHash(e, wrongKey));
    expect(await verifyAudit(t.ctx.db, key)).toMatchObject({ ok: false, seq: 6, problem: "changed" });
  });

  it("checkpoints the head; later events pass against it, history rewritten before it or cut fails", {
    timeout: 120_000,
  }, async () => {
    t = await buildTestApp();
    const env = cliEnv(t.database);
    const taken = await runCli(["audit", "checkpoint"], env);
    expect(taken.code).toBe(0);
    const lines = taken.stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const checkpoint = JSON.parse(lines[0] ?? "") as Checkpoint;
    const head = await t.ctx.db.selectFrom("audit_head").selectAll().executeTakeFirstOrThrow();
    expect(checkpoint).toMatchObject({ seq: head.last_seq, hash: head.last_hash });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kansli-checkpoint-")), "audit.jsonl");
    cleanups.push(() => fs.rmSync(path.dirname(file), { recursive: true }));
    fs.writeFileSync(file, taken.stdout);

    await new TestClient(t.app).login("admin");
    const later = await runCli(["audit", "verify", "--checkpoint", file], env);
    expect(later.stdout).toContain("matches 1 checkpoint(s)");
    expect(later.code).toBe(0);

    // Someone holding the key rewrites history before the checkpoint: the chain alone looks intact.
    await rewrite(t.database, 3, { actor_label: "someone-else" }, keyed);
    expect(await verifyAudit(t.ctx.db, key)).toMatchObject({ ok: true });
    const rewritten = await runCli(["audit", "verify", "--checkpoint", file], env);
    expect(rewritten.code).toBe(1);
    expect(rewritten.stderr).toContain(`broken at event ${checkpoint.seq}: checkpoint`);

    // Cutting the trail back to before the checkpoint, head and all, is caught by it too.
    await t.database.raw("delete from audit_events where seq > 2");
    const kept = await t.ctx.db
      .selectFrom("audit_events")
      .select("hash")
      .where("seq", "=", 2)
      .executeTakeFirstOrThrow();
    await t.ctx.db.updateTable("audit_head").set({ last_seq: 2, last_hash: kept.hash }).execute();
    expect(await verifyAudit(t.ctx.db, key)).toMatchObject({ ok: true, count: 2 });
    expect(await verifyAudit(t.ctx.db, key, [checkpoint])).toMatchObject({
      ok: false,
      seq: 3,
      problem: "removed",
    });

    fs.writeFileSync(file, "not a checkpoint\n");
    expect((await runCli(["audit", "verify", "--checkpoint", file], env)).code).toBe(2);
  });

  it("keeps an old trail's plain hashes, keys what follows from `kansli migrate` on, and still catches rewrites of the old part", {
    timeout: 120_000,
  }, async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const { db } = database.open;
    // The trail as kansli wrote it before the audit key: plain SHA-256 links.
    let prev = GENESIS_HASH;
    for (let seq = 1; seq <= 4; seq++) {
      const event = {
        seq,
        tenant_id: "stockholm",
        occurred_at: `2026-11-0${seq}T08:00:00.000Z`,
        actor_id: null,
        actor_label: "system",
        action: "unit.create",
        subject_type: "unit",
        subject_id: `unit-${seq}`,
        before_json: null,
        after_json: JSON.stringify({ name: `Enhet ${seq}` }),
        ip: null,
        prev_hash: prev,
      };
      prev = plainHash(event);
      await db
        .insertInto("audit_events")
        .values({ ...event, hash: prev })
        .execute();
    }
    await db.updateTable("audit_head").set({ last_seq: 4, last_hash: prev }).execute();
    const env = cliEnv(database);
    const before = await runCli(["serve", "--port", "0"], env);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('run "kansli migrate"');

    const migrated = await runCli(["migrate"], env);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain(
      "events 1–4 keep their plain hashes; the keyed chain starts at event 5",
    );
    expect((await runCli(["user", "create", "ny.lasare", "--role", "lasare"], env)).code).toBe(0);
    const verified = await runCli(["audit", "verify"], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/audit trail intact: \d+ events; events 1–4 carry plain hashes/);
    const fifth = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", "=", 5)
      .executeTakeFirstOrThrow();
    expect(fifth.hash).toBe(keyedHash(fifth, key));

    // The old part can still be recomputed by anyone, but no longer unnoticed.
    await rewrite(database, 2, { actor_label: "someone-else" }, plainHash, 4);
    expect(await verifyAudit(db, key)).toMatchObject({ ok: false, seq: 4, problem: "changed" });
  });
});

describe("the audit key's source", () => {
  it("refuses a wrong key, a key file in the data folder, and (PostgreSQL) no key at all", {
    timeout: 120_000,
  }, async () => {
    t = await buildTestApp({ seed: false });
    await new TestClient(t.app).login("nobody");
    const env = cliEnv(t.database);
    const wrong = await runCli(["audit", "verify"], { ...env, KANSLI_AUDIT_KEY: wrongKey.toString() });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("is not the key this audit trail is keyed with");
    const inside = path.join(t.database.target.dataDir, "audit.key");
    fs.writeFileSync(inside, TEST_AUDIT_KEY);
    const refused = await runCli(["audit", "verify"], {
      ...env,
      KANSLI_AUDIT_KEY: "",
      KANSLI_AUDIT_KEY_FILE: inside,
    });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("is inside the data folder");
    if (TEST_DIALECT === "postgres") {
      const none = await runCli(["audit", "verify"], { ...env, KANSLI_AUDIT_KEY: "" });
      expect(none.code).toBe(2);
      expect(none.stderr).toContain("PostgreSQL needs an audit key");
    }
  });

  it.runIf(TEST_DIALECT === "sqlite")(
    "is generated beside the data folder on first use when none is configured",
    {
      timeout: 120_000,
    },
    async () => {
      const database = await createTestDatabase();
      const generated = `${database.target.dataDir}-audit.key`;
      cleanups.push(async () => {
        fs.rmSync(generated, { force: true });
        await database.drop();
      });
      const env = { ...cliEnv(database), KANSLI_AUDIT_KEY: "" };
      const first = await runCli(["migrate"], env);
      expect(first.code).toBe(0);
      expect(first.stderr).toContain(`created the audit key ${generated}`);
      expect(fs.readFileSync(generated, "utf8").trim()).toMatch(/^[A-Za-z0-9+/=]{44}$/);
      const again = await runCli(["audit", "verify"], env);
      expect(again.stderr).not.toContain("created");
      expect(again.code).toBe(0);
    },
  );
});
