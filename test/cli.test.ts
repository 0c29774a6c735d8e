import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { systemClock } from "../src/platform/clock.ts";
import { cliEnv, readyUrl, runCli } from "./helpers/cli.ts";
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

describe("kansli CLI", () => {
  it("migrates and loads the demo data, printing one account per role", { timeout: 120_000 }, async () => {
    expect((await runCli(["migrate"], env)).code).toBe(0);
    const seeded = await runCli(["seed", "--demo"], { ...env, KANSLI_DEMO_PASSWORD: "" });
    expect(seeded.code).toBe(0);
    for (const role of [
      "admin",
      "registrator",
      "handlaggare",
      "remissinstans",
      "kontaktperson",
      "beslutsfattare",
      "lasare",
    ]) {
      expect(seeded.stdout).toMatch(new RegExp(`^\\s+${role}\\s+${role}\\s+[\\w-]{20}$`, "m"));
    }
    const again = await runCli(["seed", "--demo"], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already holds data");
  });

  it("creates a user with a password from standard input, and refuses bad ones with every reason", async () => {
    const ok = await runCli(
      [
        "user",
        "create",
        "svea.remiss",
        "--role",
        "remissinstans",
        "--unit",
        "sdn-rinkeby-kista",
        "--password-stdin",
      ],
      env,
      "ett-langt-och-ovanligt-losenord\n",
    );
    expect(ok.stdout).toContain("created user svea.remiss");
    expect(ok.code).toBe(0);
    const bad = await runCli(
      ["user", "create", "svea.remiss", "--role", "kontaktperson", "--password-stdin"],
      env,
      "kort",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Användarnamnet används redan");
    expect(bad.stderr).toContain("Rollen måste knytas till en enhet");
    expect(bad.stderr).toContain("minst 15 tecken");
  });

  it("never waits for input: without --password-stdin it generates and prints a password", async () => {
    const res = await runCli(["user", "create", "lo.lasare", "--role", "lasare"], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/password: [\w-]{20}/);
  });

  it("prints a working API token on its last line", async () => {
    const res = await runCli(["token", "create", "svea.remiss", "--name", "skript"], env);
    expect(res.code).toBe(0);
    const token = res.stdout.trim().split("\n").at(-1) ?? "";
    const app = await buildApp({
      config: loadConfig({ ...env, KANSLI_LOG_LEVEL: "silent" }),
      db: database.open.db,
      dialect: database.open.dialect,
      clock: systemClock,
    });
    const me = await app.inject({ url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } });
    expect(me.json()).toMatchObject({
      username: "svea.remiss",
      role: "remissinstans",
      unitId: "sdn-rinkeby-kista",
    });
    await app.close();
  });

  it("verifies the audit trail and exits non-zero naming the first bad event", async () => {
    const ok = await runCli(["audit", "verify"], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit trail intact: \d+ events/);
    if (TEST_DIALECT === "postgres") {
      await database.raw(`alter table audit_events disable trigger audit_events_append_only;
        update audit_events set action = 'unit.delete' where seq = 3;
        alter table audit_events enable trigger audit_events_append_only`);
    } else {
      await database.raw(
        "drop trigger audit_events_no_update; update audit_events set action = 'unit.delete' where seq = 3",
      );
    }
    const bad = await runCli(["audit", "verify"], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("broken at event 3: changed");
  });

  it("stops on a bad setting, naming it", async () => {
    const res = await runCli(["migrate"], { ...env, PORT: "http" });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("PORT");
  });

  it.runIf(TEST_DIALECT === "sqlite")("backs up a consistent copy of the SQLite database", async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-backup-"));
    const file = path.join(folder, "kansli.tar");
    const res = await runCli(["backup", file], env);
    expect(res.code).toBe(0);
    execFileSync("tar", ["-xf", file, "-C", folder, "kansli.sqlite"]);
    const copy = new SqliteDatabase(path.join(folder, "kansli.sqlite"), { readonly: true });
    const users = copy.prepare("select username from users order by username").all() as {
      username: string;
    }[];
    copy.close();
    expect(users.map((u) => u.username)).toContain("svea.remiss");
  });

  it.runIf(TEST_DIALECT === "postgres")(
    "backs up the files of PostgreSQL and points to pg_dump for the database",
    async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kansli-backup-")), "kansli.tar");
      const res = await runCli(["backup", file], env);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain("pg_dump");
      expect(execFileSync("tar", ["-tf", file], { encoding: "utf8" })).toContain("manifest.json");
    },
  );
});

describe("kansli serve", () => {
  it("serves until SIGTERM, then shuts down cleanly, writing only JSON lines to standard output", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [path.resolve("bin/kansli.js"), "serve", "--port", "0"], {
      env: { PATH: process.env.PATH ?? "", ...env, KANSLI_LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (d) => {
        out += d;
        const found = readyUrl(out.slice(0, out.lastIndexOf("\n") + 1));
        if (found) resolve(found);
      });
      child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)));
    });
    const health = await fetch(`${url}/readyz`);
    expect(await health.json()).toEqual({ status: "ready" });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines = out.split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  });

  it("says in one line that the port is busy, before migrating or printing anything", async () => {
    const net = await import("node:net");
    const holder = net.createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, "127.0.0.1", () => resolve((holder.address() as { port: number }).port)),
    );
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-busy-"));
    for (const command of ["start", "serve"]) {
      const res = await runCli([command, "--port", String(port)], { ...env, KANSLI_DATA_DIR: emptyDir });
      expect(res.code).toBe(1);
      expect(res.stdout).toBe("");
      expect(res.stderr.trim()).toBe(
        `kansli ${command}: port ${port} on 127.0.0.1 is in use; stop what holds it or choose another with PORT or --port`,
      );
    }
    // Nothing was migrated or seeded: on SQLite no database was even made in the data folder.
    if (TEST_DIALECT === "sqlite") expect(fs.existsSync(path.join(emptyDir, "kansli.sqlite"))).toBe(false);
    holder.close();
    fs.rmSync(emptyDir, { recursive: true, force: true });
  });
});

describe("kansli start with a weak demo password", () => {
  it("stops before writing anything, naming KANSLI_DEMO_PASSWORD", async () => {
    const fresh = await createTestDatabase();
    const freshEnv = cliEnv(fresh);
    const res = await runCli(["seed", "--demo"], { ...freshEnv, KANSLI_DEMO_PASSWORD: "admin123" });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("KANSLI_DEMO_PASSWORD");
    expect(res.stderr).toContain("at least 15 characters");
    const units = await fresh.open.db.selectFrom("units").select("id").execute();
    expect(units).toHaveLength(0);
    await fresh.drop();
  });
});
