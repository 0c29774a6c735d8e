import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, runCli, startServer } from "./helpers/cli.ts";
import { createTestDatabase, TEST_DIALECT, type TestDatabase } from "./helpers/database.ts";

let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  env = cliEnv(database);
});
afterAll(async () => {
  await database.drop();
});

describe.runIf(TEST_DIALECT === "sqlite")("one server per SQLite data folder", () => {
  it("refuses a second serve or start with one line while the first serves, keeps the side commands working, and serves again after SIGTERM", {
    timeout: 180_000,
  }, async () => {
    const first = await startServer(["serve", "--port", "0"], env);
    const refusal = `kansli: another kansli process already serves ${path.join(database.target.dataDir, "kansli.sqlite")} (pid ${first.pid}); stop it first`;
    for (const command of ["serve", "start"]) {
      const began = Date.now();
      const second = await runCli([command, "--port", "0"], env);
      expect(second.code, command).toBe(1);
      expect(second.stderr.trim(), command).toBe(refusal);
      // Only the time to load the program: a held lock is not waited for.
      expect(Date.now() - began, command).toBeLessThan(20_000);
    }
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);

    const verified = await runCli(["audit", "verify"], env);
    expect(verified.stdout).toMatch(/audit trail intact/);
    expect(verified.code).toBe(0);
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kansli-backup-")), "copy.sqlite");
    expect((await runCli(["backup", copy], env)).code).toBe(0);
    expect(fs.statSync(copy).size).toBeGreaterThan(0);
    fs.rmSync(path.dirname(copy), { recursive: true });

    expect(await first.stop()).toBe(0);
    const next = await startServer(["serve", "--port", "0"], env);
    expect((await fetch(`${next.url}/readyz`)).status).toBe(200);
    expect(await next.stop()).toBe(0);
  });
});

describe.runIf(TEST_DIALECT === "postgres")("several servers on one PostgreSQL database", () => {
  it("start side by side on the same data folder", { timeout: 120_000 }, async () => {
    const servers = await Promise.all([
      startServer(["serve", "--port", "0"], env),
      startServer(["serve", "--port", "0"], env),
    ]);
    for (const server of servers) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    for (const server of servers) expect(await server.stop()).toBe(0);
  });
});
