import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/platform/clock.ts";
import { changeCaseStatus, openCase } from "../src/registry/cases.service.ts";
import { recordDecision } from "../src/registry/disposal.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";

let t: TestApp;
let fileId = "";

/** A 'kallelse' in a case closed in 2020, under a decision that disposes of them after 2 years. */
beforeAll(async () => {
  const clock = new ManualClock(new Date("2020-02-03T09:00:00Z"));
  t = await buildTestApp({ clock });
  const officer = await demoActor(t, "handlaggare");
  const c = await openCase(t.ctx, officer, {
    registryId: "ks",
    title: "Nordiskt borgmästarmöte",
    classId: await demoClassId(t, "2019", "1.4"),
    unitId: "slk",
  });
  const doc = await registerDocument(
    t.ctx,
    officer,
    c.id,
    { direction: "incoming", party: "Oslo kommune", description: "Kallelse", documentType: "kallelse" },
    { fileName: "kallelse.txt", bytes: Buffer.from("Kallelse till möte i Oslo.\n") },
  );
  await changeCaseStatus(t.ctx, officer, c.id, "close");
  await recordDecision(t.ctx, "system", {
    reference: "SSA 2004:14",
    title: "Gallring av kallelser",
    decidedOn: "2004-05-11",
    authority: "Arkivnämnden",
    "rule0-documentType": "kallelse",
    "rule0-action": "dispose",
    "rule0-retentionYears": "2",
  });
  fileId = (
    await t.ctx.db
      .selectFrom("document_files")
      .select("id")
      .where("document_id", "=", doc.id)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t.close();
});

const disposedAt = async () =>
  (
    await t.ctx.db
      .selectFrom("document_files")
      .select("disposed_at")
      .where("id", "=", fileId)
      .executeTakeFirstOrThrow()
  ).disposed_at;

describe("kansli dispose", () => {
  it("lists what it would dispose of with --dry-run and changes nothing", async () => {
    const res = await runCli(["dispose", "--dry-run"], cliEnv(t.database));
    expect(res.stderr).toBe("");
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/KS 2020\/\d+ {2}kallelse\.txt \(v1\) {2}SSA 2004:14 {2}2022-02-03/);
    expect(res.stdout).toContain("would dispose of 1 file version(s)");
    expect(await disposedAt()).toBeNull();
  });

  it("disposes of it, and of nothing more the second time", async () => {
    const first = await runCli(["dispose"], cliEnv(t.database));
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("disposed of 1 file version(s)");
    expect(await disposedAt()).not.toBeNull();
    const record = await t.ctx.db.selectFrom("disposal_records").selectAll().executeTakeFirstOrThrow();
    expect(record).toMatchObject({ file_id: fileId, disposed_by: null, decision_reference: "SSA 2004:14" });
    const second = await runCli(["dispose"], cliEnv(t.database));
    expect(second.stdout).toContain("disposed of 0 file version(s)");
  });
});
