import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/database.ts";

const CORPUS = path.resolve(import.meta.dirname, "fixtures/import-corpus/tune");
let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  env = cliEnv(database);
  expect((await runCli(["migrate"], env)).code).toBe(0);
  expect(
    (await runCli(["seed", "--demo"], { ...env, KANSLI_DEMO_PASSWORD: "cli-test-losenord-2026" })).code,
  ).toBe(0);
}, 120_000);
afterAll(async () => {
  await database.drop();
});

describe("kansli import-remiss", () => {
  it("prints the proposal of a scanned page as JSON, bodies tied to the organisation's units", async () => {
    const res = await runCli(
      ["import-remiss", path.join(CORPUS, "05-lansstyrelsen.scan.png"), "--json"],
      env,
    );
    expect(res.code, res.stderr).toBe(0);
    const proposal = JSON.parse(res.stdout);
    expect(proposal).toMatchObject({
      diary_number: "500-12345-2018",
      date_sent: "2018-10-01",
      deadline: "2019-01-15",
      sender_organisation: "Länsstyrelsen i Stockholms län",
    });
    expect(proposal.consulted_bodies).toContain("Stockholm Vatten och Avfall AB");
    expect(proposal.matches).toContainEqual(
      expect.objectContaining({ body: "Stockholm Vatten och Avfall AB", unit_id: "bolag-stockholm-vatten" }),
    );
    expect(Object.keys(proposal)).toEqual([
      "title",
      "diary_number",
      "sender_organisation",
      "date_sent",
      "deadline",
      "contact_name",
      "contact_phone",
      "contact_email",
      "reply_to_email",
      "consulted_bodies",
      "instructions",
      "matches",
    ]);
  }, 60_000);

  it("prints a readable summary without --json", async () => {
    const res = await runCli(["import-remiss", path.join(CORPUS, "01-finansdepartementet.docx")], env);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/diary_number\s+Fi2016\/01187\/K/);
    expect(res.stdout).toContain("Riksrevisionen");
  }, 60_000);

  it("refuses a missing file, a file of the wrong type and no file, in Swedish", async () => {
    const missing = await runCli(["import-remiss", "/nonexistent/remiss.pdf"], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("filen finns inte");
    const wrong = await runCli(["import-remiss", path.resolve("package.json")], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("Filtypen kan inte importeras");
    expect((await runCli(["import-remiss"], env)).code).toBe(2);
  }, 60_000);
});
