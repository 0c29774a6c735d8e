import { afterEach, describe, expect, it } from "vitest";
import { commonPasswords, readCommonPasswordsFile } from "../src/auth/common-passwords.ts";
import { passwordProblems } from "../src/auth/password.ts";
import { ConfigError } from "../src/config.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { TestClient } from "./helpers/client.ts";

/** Long passwords made of nothing but a simple pattern. */
const PATTERNS = [
  "123456789012345678",
  "987654321098765432",
  "abcdefghijklmnopqrs",
  "ZYXWVUTSRQPONMLKJIH",
  "qwertyuiopåasdfghjklöä",
  "asdfghjklöäzxcvbnm",
  "1qaz2wsx3edc4rfv5tgb",
  "abcdeabcdeabcdeabcde",
  "kansli2026kansli2026",
  "hej!hej!hej!hej!hej!",
  "1a2b1a2b1a2b1a2b1a2b",
];

/** Long passwords people really choose that are not patterns. */
const FINE = [
  "korv med mos varje tisdag",
  "Tr0ub4dor&3-hästkorv",
  "stadshus-remiss-2016-demo",
  "min katt heter Sixten 2019",
  "abc-fikarast-på-torget",
];

describe("password rules", () => {
  it("ships a list of at least 100,000 common passwords and refuses what is on it", () => {
    expect(readCommonPasswordsFile().length).toBeGreaterThanOrEqual(100_000);
    expect(commonPasswords().size).toBeGreaterThanOrEqual(96_000);
    // From the top, the middle and the very end of the list, in any case.
    for (const known of ["123456", "sunshine", "Trustno1", "hesoyam", "070162"]) {
      expect(passwordProblems(known, "someone"), known).toContain("common");
    }
    // Long enough, but only a listed password with digits or punctuation added.
    expect(passwordProblems("sunshine123456789", "someone")).toEqual(["common"]);
    expect(passwordProblems("välkommen2026!!!!", "someone")).toEqual(["common"]);
  });

  it("refuses trivial patterns however long, and lets real passphrases through", () => {
    for (const p of PATTERNS) expect(passwordProblems(p, "someone"), p).toEqual(["pattern"]);
    expect(passwordProblems("aaaaaaaaaaaaaaaaaaaa", "someone")).toEqual(["repetitive"]);
    for (const p of FINE) expect(passwordProblems(p, "someone"), p).toEqual([]);
  });
});

describe("every place a password is set refuses a trivial one", () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it("the admin's new-user form, with the Swedish message and nothing written", async () => {
    t = await buildTestApp();
    const admin = new TestClient(t.app);
    await admin.login("admin");
    await admin.get("/admin/anvandare/ny");
    const form = { username: "ny.person", displayName: "Ny Person", role: "lasare", unitId: "" };
    const res = await admin.post("/admin/anvandare/ny", { ...form, password: "123456789012345678" });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Lösenordet är ett enkelt mönster");
    const count = await t.ctx.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", "ny.person")
      .execute();
    expect(count).toHaveLength(0);
    const ok = await admin.post("/admin/anvandare/ny", { ...form, password: "korv med mos varje tisdag" });
    expect(ok.statusCode).toBe(303);
  });

  it("the demo password", async () => {
    t = await buildTestApp({ seed: false });
    await expect(seedDemo(t.ctx, "qwertyuiopåasdfghjklöä")).rejects.toThrow(ConfigError);
    await expect(seedDemo(t.ctx, "qwertyuiopåasdfghjklöä")).rejects.toThrow(/simple pattern/);
    expect(await t.ctx.db.selectFrom("users").select("id").execute()).toHaveLength(0);
  });

  it("kansli user create", async () => {
    t = await buildTestApp();
    const env = cliEnv(t.database);
    const res = await runCli(
      ["user", "create", "ny.person", "--role", "lasare", "--password-stdin"],
      env,
      "abcdeabcdeabcdeabcde\n",
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain("Lösenordet är ett enkelt mönster");
  });
});
