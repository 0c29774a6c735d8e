import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeCaseStatus, openCase } from "../src/registry/cases.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId, strategyDocumentCount } from "./helpers/demo.ts";
import { elements, unzip, validateErms } from "./helpers/sip.ts";

let t: TestApp;
let clerk: TestClient;
let strategyId = "";
let secretCaseId = "";
let openCaseId = "";
const PARTY = `Kalle <&"'åäö> AB`;
const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

beforeAll(async () => {
  t = await buildTestApp();
  const registrator = await demoActor(t, "registrator");
  const strategy = await t.ctx.db
    .selectFrom("cases")
    .select("id")
    .where("diary_number", "=", "KS 171-482/2016")
    .executeTakeFirstOrThrow();
  strategyId = strategy.id;
  await changeCaseStatus(t.ctx, registrator, strategyId, "close");

  const c = await openCase(t.ctx, "system", {
    registryId: "ks",
    title: "Skyddat boende för inbjuden delegat",
    publicTitle: "Ärende om delegatbesök",
    classId: await demoClassId(t, "2019", "2.4"),
    unitId: "slk",
    parties: [{ name: PARTY, organisation: "Förening & Co", protectedIdentity: true }],
  });
  secretCaseId = c.id;
  await registerDocument(
    t.ctx,
    "system",
    c.id,
    {
      direction: "incoming",
      party: PARTY,
      description: "Uppgifter om delegatens bostadsort",
      secrecyProvision: "21 kap. 3 § OSL",
      secrecyMarkedOn: "2026-01-10",
      secrecyAuthority: "Stadsledningskontoret",
      publicDescription: "Skrivelse från delegat",
      publicParty: "Enskild",
    },
    { fileName: "bostad & ort åäö.txt", bytes: Buffer.from("Hemlig adress\n") },
  );
  const disposedDoc = await registerDocument(
    t.ctx,
    "system",
    c.id,
    { direction: "incoming", party: "Resebyrån", description: "Bokningsbekräftelse" },
    { fileName: "bokning.txt", bytes: Buffer.from("Bokning 123\n") },
  );
  await t.ctx.db
    .updateTable("document_files")
    .set({ disposed_at: "2026-02-01T10:00:00.000Z" })
    .where("document_id", "=", disposedDoc.id)
    .execute();
  await changeCaseStatus(t.ctx, registrator, c.id, "close");

  openCaseId = (
    await openCase(t.ctx, "system", {
      registryId: "ks",
      title: "Pågående ärende",
      classId: await demoClassId(t, "2019", "2.4"),
      unitId: "slk",
    })
  ).id;
  clerk = new TestClient(t.app);
  await clerk.login("registrator");
});
afterAll(async () => {
  await t.close();
});

/** Checks the SIP's METS against the zip: one OBJID folder, every file listed with its SHA-256 and size, all in the structMap. */
function checkSip(entries: Map<string, Buffer>): { objId: string; erms: Buffer } {
  const roots = new Set([...entries.keys()].map((n) => n.split("/")[0]));
  expect(roots.size).toBe(1);
  const objId = [...roots][0] as string;
  const mets = entries.get(`${objId}/METS.xml`)?.toString("utf8") ?? "";
  expect(mets).toContain(`OBJID="${objId}"`);
  const files = elements(mets, "file");
  const hrefs = elements(mets, "FLocat").map((f) => decodeURIComponent(f["xlink:href"] ?? ""));
  expect(files.length).toBe(hrefs.length);
  const listed = new Map(hrefs.map((h, i) => [`${objId}/${h}`, files[i] as Record<string, string>]));
  for (const [name, bytes] of entries) {
    if (name === `${objId}/METS.xml`) continue;
    const file = listed.get(name);
    expect(file, `${name} is in the fileSec`).toBeDefined();
    expect(file?.CHECKSUMTYPE).toBe("SHA-256");
    expect(file?.CHECKSUM).toBe(sha(bytes));
    expect(Number(file?.SIZE)).toBe(bytes.length);
    expect(file?.MIMETYPE).toBeTruthy();
  }
  expect(listed.size).toBe(entries.size - 1);
  const pointers = new Set(elements(mets, "fptr").map((f) => f.FILEID));
  for (const f of files) expect(pointers.has(f.ID)).toBe(true);
  const erms = entries.get(`${objId}/metadata/descriptive/erms.xml`);
  if (!erms) throw new Error("no erms.xml");
  const dmd = elements(mets, "mdRef")[0];
  expect(dmd?.CHECKSUM).toBe(sha(erms));
  return { objId, erms };
}

describe("e-archive export (R10)", () => {
  it("exports the closed strategy case as an E-ARK SIP whose ERMS validates", async () => {
    const page = await clerk.get(`/arenden/${strategyId}`);
    expect(page.body).toContain(`href="/arenden/${strategyId}/e-arkiv"`);
    expect(page.body).toContain("Exportera till e-arkiv");
    const res = await clerk.get(`/arenden/${strategyId}/e-arkiv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(res.headers["x-sha256"]).toBe(sha(res.rawPayload));
    const entries = await unzip(res.rawPayload);
    const { objId, erms } = checkSip(entries);
    expect(objId).toMatch(/^KS_171-482_2016-\d{8}T\d{6}Z$/);
    const data = [...entries.keys()].filter((n) => n.includes("/representations/rep1/data/"));
    // One file per registered document of the case: its papers and the 2016 round's.
    expect(data).toHaveLength(await strategyDocumentCount(t));
    const validation = validateErms(erms);
    expect(validation.output).toBe("");
    expect(validation.ok).toBe(true);
    const xml = erms.toString("utf8");
    expect(xml).toContain("<objectId>KS 171-482/2016</objectId>");
    expect(xml).toContain('<classification classificationCode="171">Internationella frågor</classification>');
    expect(xml).toContain('<direction directionDefinition="outgoing"/>');
    expect(xml).toContain("<objectId>KS 171-482/2016-3</objectId>");
  });

  it("exports secrecy, special characters and disposed files faithfully", async () => {
    const res = await clerk.get(`/arenden/${secretCaseId}/e-arkiv`);
    expect(res.statusCode).toBe(200);
    const entries = await unzip(res.rawPayload);
    const { erms } = checkSip(entries);
    const validation = validateErms(erms);
    expect(validation.output).toBe("");
    expect(validation.ok).toBe(true);
    const xml = erms.toString("utf8");
    expect(xml).toContain("<name>Kalle &lt;&amp;&quot;&apos;åäö&gt; AB</name>");
    expect(xml).toContain("<protectedIdentity>true</protectedIdentity>");
    expect(xml).toContain('<restriction restrictionType="confidential">');
    expect(xml).toContain("<regulation>21 kap. 3 § OSL</regulation>");
    expect(xml).toContain('<otherTitle titleType="public_title">Skrivelse från delegat</otherTitle>');
    expect(xml).toMatch(/noteType="disposed"[^>]*>Filen bokning.txt \(version 1\) gallrades 2026-02-01/);
    const data = [...entries.keys()].filter((n) => n.includes("/representations/rep1/data/"));
    expect(data).toHaveLength(1);
    expect(data[0]).toMatch(/\/1-v1-bostad_ort_aao.txt$/);
    expect(entries.get(data[0] as string)?.toString()).toBe("Hemlig adress\n");
    expect(xml).toContain('name="bostad &amp; ort åäö.txt"');
  });

  it("refuses an open case with 409 and says why, in Swedish and in the API", async () => {
    const res = await clerk.get(`/arenden/${openCaseId}/e-arkiv`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Bara avslutade ärenden kan exporteras till e-arkiv");
    expect((await clerk.get(`/arenden/${openCaseId}`)).body).not.toContain("Exportera till e-arkiv");
  });

  it("delivers every case of a registry closed in a year in one package", async () => {
    const page = await clerk.get("/e-arkiv");
    expect(page.statusCode).toBe(200);
    const year = new Date().getFullYear();
    const res = await clerk.get(`/e-arkiv/leverans?registryId=ks&year=${year}`);
    expect(res.statusCode).toBe(200);
    const entries = await unzip(res.rawPayload);
    const { erms } = checkSip(entries);
    expect(validateErms(erms).ok).toBe(true);
    expect(erms.toString().match(/aggregationType="caseFile"/g)).toHaveLength(2);
  });

  it("answers bad delivery choices with every message and writes nothing", async () => {
    const before = await t.ctx.db
      .selectFrom("audit_events")
      .select("seq")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    const bad = await clerk.get("/e-arkiv/leverans?registryId=nope&year=20x6");
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("<title>Fel: ");
    expect(bad.body).toContain("Diariet finns inte");
    expect(bad.body).toContain("Skriv ett år med fyra siffror");
    const none = await clerk.get("/e-arkiv/leverans?registryId=ks&year=1999");
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain("Diariet har inga ärenden som avslutades 1999");
    const after = await t.ctx.db
      .selectFrom("audit_events")
      .select("seq")
      .orderBy("seq", "desc")
      .executeTakeFirstOrThrow();
    expect(after.seq).toBe(before.seq);
  });

  it("records each export in the case's audit trail", async () => {
    const events = await t.ctx.db
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "case.archive_export")
      .where("subject_id", "=", secretCaseId)
      .execute();
    expect(events.length).toBe(2);
    expect(events[0]?.after_json).toContain('"ermsVersion":"2.1.2"');
  });

  it("delivers a year from the command line, and explains a bad choice", async () => {
    const out = path.join(t.database.target.dataDir, "leverans.zip");
    const year = String(new Date().getFullYear());
    const env = cliEnv(t.database);
    const ok = await runCli(["export-archive", "--registry", "KS", "--year", year, "--out", out], env);
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    const entries = await unzip(fs.readFileSync(out));
    expect(validateErms(checkSip(entries).erms).ok).toBe(true);
    const bad = await runCli(
      ["export-archive", "--registry", "XX", "--year", "1999", "--out", `${out}2`],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Diariet finns inte");
    expect(fs.existsSync(`${out}2`)).toBe(false);
  });
});
