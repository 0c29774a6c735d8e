import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { changeCaseStatus, openCase } from "../src/registry/cases.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";

const NOW = new Date("2026-03-09T09:00:00Z");

let t: TestApp;
let clock: ManualClock;
let admin: TestClient;
let documentId = "";

const DECISION_FORM = {
  reference: "SSA 2004:14",
  title: "Gallring av handlingar i internationella ärenden",
  "decidedOn-year": "2004",
  "decidedOn-month": "5",
  "decidedOn-day": "11",
  authority: "Arkivnämnden",
  "rule0-documentType": "Kallelse",
  "rule0-action": "dispose",
  "rule0-retentionYears": "2",
  "rule1-documentType": "tjänsteutlåtande",
  "rule1-action": "keep",
};

beforeAll(async () => {
  clock = new ManualClock(new Date("2023-01-10T09:00:00Z"));
  t = await buildTestApp({ clock });
  const officer = await demoActor(t, "handlaggare");
  const c = await openCase(t.ctx, officer, {
    registryId: "ks",
    title: "Nordiskt borgmästarmöte",
    classId: await demoClassId(t, "2019", "1.4"),
    unitId: "slk",
  });
  documentId = (
    await registerDocument(
      t.ctx,
      officer,
      c.id,
      {
        direction: "incoming",
        party: "Helsingfors stad",
        description: "Kallelse till borgmästarmöte",
        documentType: "kallelse",
      },
      { fileName: "kallelse.txt", bytes: Buffer.from("Välkomna till mötet i Helsingfors.\n") },
    )
  ).id;
  await changeCaseStatus(t.ctx, officer, c.id, "close");
  clock.set(NOW);
  admin = new TestClient(t.app);
  await admin.login("registrator");
});
afterAll(async () => {
  await t.close();
});

const decisionCount = async () =>
  (await t.ctx.db.selectFrom("disposal_decisions").select("id").execute()).length;

describe("/admin/gallring", () => {
  it("shows every problem of the decision form at once, keeps the answers and writes nothing", async () => {
    const before = await decisionCount();
    await admin.get("/admin/gallring");
    const res = await admin.post("/admin/gallring/beslut", {
      reference: "SSA-2004-14",
      title: "",
      "decidedOn-year": "2004",
      "decidedOn-month": "13",
      "decidedOn-day": "1",
      authority: "Arkivnämnden",
      "rule0-documentType": "kallelse",
      "rule0-action": "dispose",
      "rule0-retentionYears": "två",
      "rule1-documentType": "",
      "rule1-action": "keep",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("<title>Fel: Gallring – kansli</title>");
    for (const [field, message] of [
      ["reference", "Skriv beteckningen som till exempel SSA 2004:14"],
      ["title", "Fyll i fältet"],
      ["decidedOn", "Skriv ett riktigt datum med år, månad och dag"],
      ["rule0-retentionYears", "Skriv ett helt antal år, från 0 till 100"],
      ["rule1-documentType", "Fyll i handlingstypen"],
    ])
      expect(res.body, field).toContain(`<a href="#${field}">${message}</a>`);
    expect(res.body).toContain('value="SSA-2004-14"');
    expect(res.body).toContain('value="två"');
    expect(await decisionCount()).toBe(before);
  });

  it("records a decision with its rules and lists them", async () => {
    await admin.get("/admin/gallring");
    const res = await admin.post("/admin/gallring/beslut", DECISION_FORM);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/admin/gallring");
    const page = await admin.get("/admin/gallring");
    expect(page.body).toContain("SSA 2004:14 – Gallring av handlingar i internationella ärenden");
    expect(page.body).toContain("2 år efter ärendets avslut");
    expect(page.body).toContain("Bevaras");
    const decision = await t.ctx.db
      .selectFrom("disposal_decisions")
      .selectAll()
      .where("reference", "=", "SSA 2004:14")
      .executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ reference: "SSA 2004:14", decided_on: "2004-05-11" });
  });

  it("previews a run, executes it on confirmation, and lists the permanent record", async () => {
    const preview = await admin.get("/admin/gallring/forhandsgranskning");
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Kallelse till borgmästarmöte");
    expect(preview.body).toContain("Verkställ gallringen (1 st)");
    expect(preview.body).toContain("Handlingstypen ska bevaras");
    const run = await admin.post("/admin/gallring/verkstall");
    expect(run.statusCode).toBe(303);
    expect(run.headers.location).toBe("/admin/gallring?gallrade=1");
    const page = await admin.get("/admin/gallring?gallrade=1");
    expect(page.body).toContain("Gallrade filversioner: 1.");
    expect(page.body).toContain("kallelse.txt (Version 1)");
    expect((await admin.get("/admin/gallring/forhandsgranskning")).body).toContain(
      "Ingenting kan gallras i dag.",
    );
  });

  it("answers a download of a disposed version with 410, naming the decision, on pages and in the API", async () => {
    const download = await admin.get(`/handlingar/${documentId}/filer/1`);
    expect(download.statusCode).toBe(410);
    expect(download.body).toContain("Gallrad 2026-03-09 enligt SSA 2004:14");
    const english = await admin.get(`/handlingar/${documentId}/filer/1`, { "accept-language": "en" });
    expect(english.statusCode).toBe(410);

    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "lasare");
    if (!user) throw new Error("no demo reader");
    const { token } = await createToken(t.ctx, "system", user, { name: "gallring" });
    const api = await t.app.inject({
      url: `/api/v1/documents/${documentId}/file`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(api.statusCode).toBe(410);
    expect(api.json()).toEqual({
      error: { code: "disposed", message: "Gallrad 2026-03-09 enligt SSA 2004:14", fields: [] },
    });
    const entry = await t.app.inject({
      url: `/api/v1/documents/${documentId}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(entry.json()).toMatchObject({
      description: "Kallelse till borgmästarmöte",
      files: [{ version: 1, fileName: "kallelse.txt", disposedAt: NOW.toISOString() }],
    });

    const page = await admin.get(`/handlingar/${documentId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Gallrad 2026-03-09 enligt SSA 2004:14");
    expect(page.body).not.toContain(`href="/handlingar/${documentId}/filer/1"`);
  });

  it("offers no way to delete a case or a document: no route answers DELETE", () => {
    expect(t.app.routeList.filter((r) => r.startsWith("DELETE "))).toEqual([]);
  });
});
