import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkStoredFiles } from "../src/platform/backup/backup.service.ts";
import { findOrphans, ORPHAN_MIN_AGE_MS, sweepOrphans } from "../src/platform/backup/orphans.ts";
import { sha256Hex } from "../src/platform/files/blob-store.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { TEST_DIALECT } from "./helpers/database.ts";

/**
 * Issue 15 item 3: a request that stores its file and then fails (or is killed) before its
 * transaction commits leaves the bytes behind; the sweep and `kansli verify --repair` remove
 * them once they are over an hour old, and never a file the database references.
 */
let t: TestApp;
let caseId = "";
const TRIGGER = "test_refused_document";
const blobPath = (sha256: string) =>
  path.join(t.database.target.dataDir, "files", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
const age = (file: string, ms: number) => {
  const then = new Date(Date.now() - ms);
  fs.utimesSync(file, then, then);
};
const HOURS_2 = 2 * ORPHAN_MIN_AGE_MS;

beforeAll(async () => {
  t = await buildTestApp();
  caseId = (
    await t.ctx.db.selectFrom("cases").select("id").where("status", "=", "open").executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  if (TEST_DIALECT === "postgres") await t.database.raw(`drop function if exists ${TRIGGER}() cascade`);
  else await t.database.raw(`drop trigger if exists ${TRIGGER}`);
});

/** Registers a document whose transaction the database refuses: its bytes are stored, nothing references them. */
async function failedRegistration(): Promise<string> {
  if (TEST_DIALECT === "postgres")
    await t.database.raw(`
      create function ${TRIGGER}() returns trigger language plpgsql as $$
      begin raise exception 'injected'; end $$;
      create trigger ${TRIGGER} before insert on document_files for each row execute function ${TRIGGER}();`);
  else
    await t.database.raw(`
      create trigger ${TRIGGER} before insert on document_files begin select raise(abort, 'injected'); end;`);
  const bytes = Buffer.from(`Skrivelse som aldrig registrerades ${crypto.randomBytes(8).toString("hex")}\n`);
  await expect(
    registerDocument(
      t.ctx,
      "system",
      caseId,
      { direction: "incoming", party: "Lokalbolaget AB", description: "Skrivelse" },
      { fileName: "skrivelse.txt", bytes },
    ),
  ).rejects.toThrow();
  if (TEST_DIALECT === "postgres") await t.database.raw(`drop function if exists ${TRIGGER}() cascade`);
  else await t.database.raw(`drop trigger if exists ${TRIGGER}`);
  const sha256 = sha256Hex(bytes);
  expect(await t.ctx.files.has(sha256)).toBe(true);
  return sha256;
}

describe("stored files nothing references", () => {
  it("removes a failed request's file once it is over an hour old, and never a referenced one", async () => {
    const orphan = await failedRegistration();
    // Young: a request may be about to reference it.
    expect((await findOrphans(t.ctx.db, t.ctx.files)).map((o) => o.sha256)).not.toContain(orphan);
    age(blobPath(orphan), HOURS_2);
    expect((await findOrphans(t.ctx.db, t.ctx.files)).map((o) => o.sha256)).toContain(orphan);

    // Two hours on, every stored file is old: only the unreferenced ones go.
    const report = await sweepOrphans(t.ctx.db, t.ctx.files, new Date(Date.now() + HOURS_2));
    expect(report.orphans.map((o) => o.sha256)).toContain(orphan);
    expect(await t.ctx.files.has(orphan)).toBe(false);
    const { checked, problems } = await checkStoredFiles(t.ctx.db, t.ctx.files);
    expect(checked).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("leaves an old file alone when a request stores the same bytes again", async () => {
    const orphan = await failedRegistration();
    age(blobPath(orphan), HOURS_2);
    await t.ctx.files.put(await t.ctx.files.get(orphan));
    expect((await findOrphans(t.ctx.db, t.ctx.files)).map((o) => o.sha256)).not.toContain(orphan);
  });

  it("removes half-written temporary files over an hour old, not a put in progress", async () => {
    const folder = path.join(t.database.target.dataDir, "files", "ab", "cd");
    fs.mkdirSync(folder, { recursive: true });
    const temp = (n: number) => path.join(folder, `.${"ab".padEnd(64, String(n))}.${"0".repeat(11)}${n}.tmp`);
    fs.writeFileSync(temp(1), "half");
    fs.writeFileSync(temp(2), "in progress");
    age(temp(1), HOURS_2);
    const { leftovers } = await sweepOrphans(t.ctx.db, t.ctx.files);
    expect(leftovers).toBe(1);
    expect(fs.existsSync(temp(1))).toBe(false);
    expect(fs.existsSync(temp(2))).toBe(true);
    fs.rmSync(temp(2));
  });

  it("kansli verify lists them without failing, and verify --repair removes them", async () => {
    const orphan = await failedRegistration();
    age(blobPath(orphan), HOURS_2);
    const env = cliEnv(t.database);
    const listed = await runCli(["verify"], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`unreferenced stored file ${orphan}`);
    expect(listed.stdout).toContain("kansli verify --repair");
    expect(await t.ctx.files.has(orphan)).toBe(true);

    const repaired = await runCli(["verify", "--repair"], env);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain(`removed unreferenced stored file ${orphan}`);
    expect(await t.ctx.files.has(orphan)).toBe(false);
    expect((await runCli(["verify"], env)).stdout).not.toContain("unreferenced");
  });
});
