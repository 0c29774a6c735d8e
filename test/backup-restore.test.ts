import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { loadConfig } from "../src/config.ts";
import { systemClock } from "../src/platform/clock.ts";
import { type OpenDatabase, openDatabase } from "../src/platform/db/database.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { TEST_AUDIT_KEY, TEST_DIALECT } from "./helpers/database.ts";

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const oneLine = (text: string) => text.trim().split("\n").length === 1 && !/\n\s+at /.test(text);

let t: TestApp;
let env: Record<string, string>;
let caseId: string;
let token: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-drill-"));
const archive = path.join(work, "kansli.tar");
const restoredDir = path.join(work, "restored");
let restoredEnv: Record<string, string>;
let restored: { app: FastifyInstance; open: OpenDatabase | null };
/** Documents registered before the backup began, and while it ran. */
const before: string[] = [];
const during: string[] = [];

async function register(n: number): Promise<string> {
  const bytes = Buffer.from(`Skrivelse ${n} om lokaler, ${crypto.randomBytes(8).toString("hex")}\n`);
  const doc = await registerDocument(
    t.ctx,
    "system",
    caseId,
    { direction: "incoming", party: "Lokalbolaget AB", description: `Skrivelse ${n}` },
    { fileName: `skrivelse-${n}.txt`, bytes },
  );
  return doc.id;
}

/** An app on the restored data folder (on PostgreSQL: the same database, the restored files). */
async function appOnRestored() {
  const config = loadConfig({
    KANSLI_LOG_LEVEL: "silent",
    KANSLI_AUDIT_KEY: TEST_AUDIT_KEY,
    KANSLI_DATA_DIR: restoredDir,
  });
  const open = TEST_DIALECT === "sqlite" ? openDatabase({ databaseUrl: null, dataDir: restoredDir }) : null;
  const app = await buildApp({
    config,
    db: open?.db ?? t.ctx.db,
    dialect: open?.dialect ?? t.ctx.dialect,
    clock: systemClock,
  });
  return { app, open };
}

const download = (id: string) =>
  restored.app.inject({
    method: "GET",
    url: `/api/v1/documents/${id}/file`,
    headers: { authorization: `Bearer ${token}` },
  });

beforeAll(async () => {
  t = await buildTestApp();
  env = cliEnv(t.database);
  restoredEnv = { ...env, KANSLI_DATA_DIR: restoredDir };
  caseId = (
    await t.ctx.db.selectFrom("cases").select("id").where("status", "=", "open").executeTakeFirstOrThrow()
  ).id;
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "registrator");
  token = (await createToken(t.ctx, "system", user!, { name: "drill" })).token;
  for (let n = 1; n <= 5; n++) before.push(await register(n));
});

afterAll(async () => {
  await restored?.app.close();
  await restored?.open?.close();
  await t.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe("the restore drill", () => {
  it("backs up while documents are registered, into one archive only its owner can read", async () => {
    const backup = runCli(["backup", archive], env);
    let finished = false;
    void backup.then(() => {
      finished = true;
    });
    // SQLite: documents keep coming until the backup has finished, so some land before its
    // snapshot and some after (the cap only bounds a hung backup). On PostgreSQL the database is
    // restored from pg_dump, which this drill does not run, so it keeps the database still.
    for (let n = 100; TEST_DIALECT === "sqlite" && !finished && n < 300; n++) {
      during.push(await register(n));
      await sleep(40);
    }
    const res = await backup;
    if (TEST_DIALECT === "sqlite") expect(during.length).toBeGreaterThan(0);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^backup written to .*kansli\.tar: .*\d+ stored file\(s\)/);
    expect(fs.statSync(archive).mode & 0o777).toBe(0o600);

    // Readable with the standard tool; the manifest names each file with its SHA-256 and size.
    const listing = execFileSync("tar", ["-tf", archive], { encoding: "utf8" }).trim().split("\n");
    const manifest = JSON.parse(
      execFileSync("tar", ["-xOf", archive, "manifest.json"], { encoding: "utf8" }),
    );
    expect(listing.includes("kansli.sqlite")).toBe(TEST_DIALECT === "sqlite");
    for (const f of manifest.files) {
      expect(listing).toContain(f.path);
      const bytes = execFileSync("tar", ["-xOf", archive, f.path]);
      expect([sha256(bytes), bytes.length]).toEqual([f.sha256, f.size]);
    }
    expect(manifest.missing).toEqual([]);

    expect((await runCli(["backup", archive], env)).code).toBe(1);
  });

  it("restores into a new folder, verifies, and every document downloads with its SHA-256", async () => {
    const res = await runCli(["restore", archive], restoredEnv);
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("audit trail intact");
    expect(res.stdout).toMatch(/stored files intact: \d+ files/);

    restored = await appOnRestored();
    const db = restored.open?.db ?? t.ctx.db;
    const files = await db
      .selectFrom("document_files")
      .select(["document_id", "sha256"])
      .where("disposed_at", "is", null)
      .execute();
    const restoredIds = new Set(files.map((f) => f.document_id));
    for (const id of before) expect(restoredIds.has(id)).toBe(true);
    // A document registered during the backup is either in it with its file, or not at all.
    const latest = new Map(files.map((f) => [f.document_id, f.sha256]));
    for (const id of [...before, ...during].filter((d) => restoredIds.has(d))) {
      const file = await download(id);
      expect(file.statusCode).toBe(200);
      expect(sha256(file.rawPayload)).toBe(file.headers["x-sha256"]);
      expect(latest.get(id)).toBe(file.headers["x-sha256"]);
    }
    expect((await restored.app.inject({ url: "/readyz" })).statusCode).toBe(200);
  });

  it("refuses to restore into a folder that is not empty", async () => {
    const res = await runCli(["restore", archive], restoredEnv);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^kansli restore: the data folder .* is not empty/);
    expect(oneLine(res.stderr)).toBe(true);
  });

  it("names a stored file that is gone; its download answers a clear error; /readyz sees a lost store", async () => {
    const db = restored.open?.db ?? t.ctx.db;
    const victim = await db
      .selectFrom("document_files")
      .select(["document_id", "sha256", "file_name"])
      .where("document_id", "=", before[0]!)
      .executeTakeFirstOrThrow();
    const blob = path.join(
      restoredDir,
      "files",
      victim.sha256.slice(0, 2),
      victim.sha256.slice(2, 4),
      victim.sha256,
    );
    fs.rmSync(blob);

    const res = await runCli(["verify"], restoredEnv);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("audit trail intact");
    expect(res.stderr).toContain(`stored file missing: ${victim.sha256}`);
    expect(res.stderr).toContain(`"${victim.file_name}"`);

    const file = await download(victim.document_id);
    expect(file.statusCode).toBe(503);
    expect(file.json().error.fields[0].message).toBe("Filen saknas i arkivet – kontakta registrator/IT.");

    fs.rmSync(path.join(restoredDir, "files"), { recursive: true });
    const ready = await restored.app.inject({ url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({ status: "file store unreachable" });
  });

  it("answers a backup into a folder that does not exist with one line", async () => {
    const res = await runCli(["backup", path.join(work, "no-such-folder", "kansli.tar")], env);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^kansli backup: the folder .*no-such-folder does not exist/);
    expect(oneLine(res.stderr)).toBe(true);
  });
});
