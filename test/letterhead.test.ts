import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import {
  accessForUser,
  allRecipients,
  createConsultation,
  decideExtension,
  getConsultation,
  registerCompilation,
  requestExtension,
  sendConsultation,
} from "../src/consultation/index.ts";
import {
  assessVisitRequest,
  decideVisitRequest,
  receiveVisitRequest,
} from "../src/engagements/visits/visits.service.ts";
import { annualReport } from "../src/planning/report.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { translator } from "../src/platform/i18n/index.ts";
import { openCase } from "../src/registry/cases.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { makePdf, makePng } from "./helpers/documents.ts";
import { openWord } from "./helpers/word.ts";

/** Monday 9 March 2026 in Stockholm. */
const MONDAY = new Date("2026-03-09T09:00:00Z");
const STRATEGY = "KS 171-482/2016";
/** A fixed path, so the seeded database made for this configuration is reused between runs. */
const LOGO = path.join(os.tmpdir(), "kansli-letterhead-test-logo.png");

let t: TestApp;
let officer: UserActor;
let officerEmail = "";

beforeAll(async () => {
  fs.writeFileSync(LOGO, makePng());
  t = await buildTestApp({
    clock: new ManualClock(MONDAY),
    env: { KANSLI_CITY_NAME: "Stockholms stad", KANSLI_LOGO_PATH: LOGO },
  });
  officer = await demoActor(t, "handlaggare");
  officerEmail =
    (await t.ctx.db.selectFrom("users").select("email").where("id", "=", officer.id).executeTakeFirst())
      ?.email ?? "";
});
afterAll(async () => {
  await t.close();
});

/** The newest file of a registered document, opened. */
async function registeredWord(documentId: string) {
  const file = await t.ctx.db
    .selectFrom("document_files")
    .select("sha256")
    .where("document_id", "=", documentId)
    .orderBy("version", "desc")
    .executeTakeFirstOrThrow();
  return openWord(await t.ctx.files.get(file.sha256));
}

const unitOf = (id: string) =>
  t.ctx.db.selectFrom("units").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

const strategyCase = () =>
  t.ctx.db.selectFrom("cases").selectAll().where("diary_number", "=", STRATEGY).executeTakeFirstOrThrow();

describe("the city's letter template", () => {
  it("writes the missive and the extension decision with diary number, date, page fields, the unit's addresses, the officer and the signatory", async () => {
    const c = await strategyCase();
    const unit = await unitOf(c.unit_id);
    expect(unit.address).not.toBeNull();
    const { consultation } = await createConsultation(t.ctx, officer, c.id, {
      title: "Remiss om mallen",
      deadline: "2026-05-04",
      instructions: "Svara som Word-fil.",
      officerId: officer.id,
      unitIds: ["sdn-sodermalm", "fn-kultur"],
      documentIds: [],
    });
    await sendConsultation(t.ctx, officer, consultation.id);
    const k = await getConsultation(t.ctx, consultation.id);
    const missiv = await registeredWord(k.missivDocumentId ?? "");

    expect(missiv.header).toContain("Stockholms stad");
    expect(missiv.header).toContain(`Dnr ${STRATEGY}`);
    expect(missiv.header).toContain("2026-03-09");
    expect(missiv.header).toContain("Sida {PAGE} ({NUMPAGES})");
    expect(missiv.header).toContain(unit.name);
    // The configured logo is in the header as an image.
    expect(missiv.names.some((n) => /^word\/media\/.+\.png$/.test(n))).toBe(true);
    expect(missiv.footer).toContain(`Postadress: ${unit.address}`);
    expect(missiv.footer).toContain(`Besöksadress: ${unit.visiting_address}`);
    expect(missiv.footer).toContain(`Telefon ${unit.phone}`);
    expect(missiv.footer).toContain(unit.web ?? "");
    expect(missiv.body).toMatch(
      new RegExp(
        `^Handläggare\\nHugo Handläggare \\(demo\\)\\nTelefon ${unit.phone}\\nE-post ${officerEmail}\\n`,
      ),
    );
    // The signatory block closes the letter: the officer, under their unit's name.
    expect(missiv.body.trimEnd()).toMatch(
      /Hugo Handläggare \(demo\)\nKommunikations- och omvärldsavdelningen$/,
    );

    // The distribution list and the compilation are on the same template; the compilation is unsigned.
    const list = await registeredWord(k.listDocumentId ?? "");
    expect(list.header).toContain(`Dnr ${STRATEGY}`);
    expect(list.footer).toContain(`Postadress: ${unit.address}`);
    const compilation = await registeredWord((await registerCompilation(t.ctx, officer, k.id)).id);
    expect(compilation.header).toContain(`Dnr ${STRATEGY}`);
    expect(compilation.header).toContain("Sida {PAGE} ({NUMPAGES})");
    expect(compilation.body).toMatch(/^Handläggare\nHugo Handläggare \(demo\)\n/);
    expect(compilation.body.trimEnd()).not.toMatch(/Kommunikations- och omvärldsavdelningen$/);

    const kultur = allRecipients(k).find((r) => r.name.startsWith("Kultur"));
    if (!kultur) throw new Error("no culture committee");
    await requestExtension(t.ctx, officer, await accessForUser(t.ctx, officer, kultur.id), {
      until: "2026-05-29",
      reason: "Sammanträde i maj.",
    });
    await decideExtension(t.ctx, officer, k.id, kultur.id, { decision: "grant", until: "2026-05-29" });
    const decision = await t.ctx.db
      .selectFrom("consultation_extensions")
      .select("decision_document_id")
      .where("recipient_id", "=", kultur.id)
      .executeTakeFirstOrThrow();
    const letter = await registeredWord(decision.decision_document_id ?? "");
    expect(letter.header).toContain(`Dnr ${STRATEGY}`);
    expect(letter.header).toContain("2026-03-09");
    expect(letter.header).toContain("Sida {PAGE} ({NUMPAGES})");
    expect(letter.footer).toContain(`Postadress: ${unit.address}`);
    expect(letter.body).toContain(`E-post ${officerEmail}`);
    expect(letter.body).toContain("2026-05-29");
    expect(letter.body.trimEnd()).toMatch(
      /Hugo Handläggare \(demo\)\nKommunikations- och omvärldsavdelningen$/,
    );
  });

  it("writes the copy-request decision from the request case's unit, signed by the registrar who decided", async () => {
    const c = await openCase(t.ctx, officer, {
      registryId: "ks",
      title: "Inbjudan från Oslo",
      classId: await demoClassId(t, "2019", "1.4"),
      unitId: "slk",
    });
    const d = await registerDocument(
      t.ctx,
      officer,
      c.id,
      { direction: "incoming", party: "Oslo kommune", description: "Inbjudan till konferens" },
      { fileName: "inbjudan.pdf", bytes: await makePdf(["Välkommen till Oslo"]) },
    );
    const anon = new TestClient(t.app);
    const ask = `/offentlig/handlingar/${d.id}/begar-kopia`;
    await anon.get(ask);
    const asked = await anon.post(ask, {
      requesterName: "Vera Nyfiken",
      delivery: "email",
      email: "vera@example.se",
    });
    expect(asked.statusCode).toBe(303);
    const requestId = (asked.headers.location as string).split("/").at(-1) as string;
    const clerk = new TestClient(t.app);
    await clerk.login("registrator");
    expect(
      (await clerk.post(`/begaranden/${requestId}/beslut`, { outcome: "sent", deliveredBy: "email" }))
        .statusCode,
    ).toBe(303);
    const request = await t.ctx.db
      .selectFrom("copy_requests")
      .selectAll()
      .where("id", "=", requestId)
      .executeTakeFirstOrThrow();
    const requestCase = await t.ctx.db
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", request.request_case_id ?? "")
      .executeTakeFirstOrThrow();
    const slk = await unitOf(requestCase.unit_id);
    const letter = await registeredWord(request.decision_document_id ?? "");
    expect(letter.header).toContain(`Dnr ${requestCase.diary_number}`);
    expect(letter.header).toContain("2026-03-09");
    expect(letter.header).toContain("Sida {PAGE} ({NUMPAGES})");
    expect(letter.footer).toContain(`Postadress: ${slk.address}`);
    expect(letter.body).toMatch(/^Handläggare\nRut Registrator \(demo\)\n/);
    expect(letter.body.trimEnd()).toMatch(/Rut Registrator \(demo\)\nStadsledningskontoret$/);
  });

  it("writes the visit letter to a foreign delegation in English with the same layout", async () => {
    const v = await receiveVisitRequest(t.ctx, officer, {
      organisation: "Helsingin kaupunki",
      country: "fi",
      contactName: "Aino Keksitty",
      contactEmail: "aino.keksitty@example.fi",
      visitFrom: "2026-05-11",
      visitTo: "2026-05-12",
      participants: "8",
      purpose: "Utbyte om digitalt stöd.",
      politicalLevel: "normal",
      unitIds: ["forv-kultur"],
    });
    await assessVisitRequest(t.ctx, officer, v.id, {
      mutualLearning: true,
      newPerspectives: true,
      serviceDevelopment: false,
      raisedCompetence: false,
      cityImage: true,
      residentTies: false,
      assessmentNote: "Ömsesidigt lärande.",
      prioritised: true,
    });
    const decided = await decideVisitRequest(t.ctx, officer, v.id, {
      outcome: "accept",
      invitationLetter: true,
      outcomeNote: "The programme follows in April.",
      caseDiaryNumber: STRATEGY,
    });
    const unit = await unitOf((await strategyCase()).unit_id);
    const letter = await registeredWord(decided.letterDocumentId ?? "");
    expect(letter.header).toContain(`Ref. no. ${STRATEGY}`);
    expect(letter.header).toContain("9 March 2026");
    expect(letter.header).toContain("Page {PAGE} ({NUMPAGES})");
    expect(letter.footer).toContain(`Postal address: ${unit.address}`);
    expect(letter.footer).toContain(`Visiting address: ${unit.visiting_address}`);
    expect(letter.footer).toContain(`Phone ${unit.phone}`);
    expect(letter.body).toMatch(/^Contact\nHugo Handläggare \(demo\)\nPhone /);
    expect(letter.body).toContain(`E-mail ${officerEmail}`);
    expect(letter.body).toContain("Dear Aino Keksitty,");
    expect(letter.body.trimEnd()).toMatch(
      /Hugo Handläggare \(demo\)\nKommunikations- och omvärldsavdelningen$/,
    );
  });

  it("writes the annual report on the reader's unit's template, its numbers in Swedish format", async () => {
    const browser = new TestClient(t.app);
    await browser.login("beslutsfattare");
    const res = await browser.get("/engagemang/arsrapport/2025/arsrapport.docx");
    expect(res.statusCode).toBe(200);
    const report = await openWord(res.rawPayload);
    const unit = await unitOf("finansroteln");
    expect(report.header).toContain("Stockholms stad");
    expect(report.header).not.toContain("Dnr");
    expect(report.header).toContain("2026-03-09");
    expect(report.header).toContain("Sida {PAGE} ({NUMPAGES})");
    expect(report.footer).toContain(`Postadress: ${unit.address}`);
    expect(report.body).toMatch(/^Handläggare\nBo Beslutsson \(demo\)\n/);
    expect(report.body.trimEnd()).toMatch(/Bo Beslutsson \(demo\)\nFinansroteln$/);
    const r = await annualReport(t.ctx, 2025, translator("sv"), "sv");
    const costly = r.byUnit.find((row) => row.cost >= 1000);
    if (!costly) throw new Error("no unit with costs of a thousand or more");
    // 560 000, with a space between the thousands as Swedish writes them.
    expect(report.body).toContain(
      `${costly.label}\n${costly.count}\n${costly.cost.toLocaleString("sv-SE")}\n`,
    );
    expect(costly.cost.toLocaleString("sv-SE")).toMatch(/^\d{1,3}(\s\d{3})+$/);
  });
});

describe("the letterhead fields of a unit", () => {
  it("are edited on the unit form, with Swedish messages for a bad web address and phone, and nothing saved then", async () => {
    const admin = new TestClient(t.app);
    await admin.login("admin");
    await admin.get("/organisation/forv-idrott/andra");
    const before = await unitOf("forv-idrott");
    const bad = await admin.post("/organisation/forv-idrott/andra", {
      name: before.name,
      type: before.type,
      parentId: before.parent_id ?? "",
      phone: "ring oss",
      address: "Box 8310, 104 20 Stockholm",
      visitingAddress: "Zinkens väg 20",
      web: "inte en adress",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Skriv en webbadress, till exempel stockholm.se");
    expect(bad.body).toContain("Skriv ett telefonnummer med siffror");
    expect(bad.body).toContain('value="Zinkens väg 20"');
    expect(await unitOf("forv-idrott")).toEqual(before);

    const good = await admin.post("/organisation/forv-idrott/andra", {
      name: before.name,
      type: before.type,
      parentId: before.parent_id ?? "",
      phone: "08-508 260 00",
      address: "Box 8310, 104 20 Stockholm",
      visitingAddress: "Zinkens väg 20",
      web: "https://stockholm.se/idrott",
    });
    expect(good.statusCode).toBe(303);
    expect(await unitOf("forv-idrott")).toMatchObject({
      address: "Box 8310, 104 20 Stockholm",
      visiting_address: "Zinkens väg 20",
      web: "https://stockholm.se/idrott",
    });
    const page = await admin.get("/organisation/forv-idrott");
    expect(page.body).toContain("Besöksadress");
    expect(page.body).toContain("Zinkens väg 20");
  });

  it("are read and changed through the units API, which refuses a bad web address", async () => {
    const admin = await findUserByUsername(t.ctx.db, t.config.tenantId, "admin");
    if (!admin) throw new Error("no admin");
    const { token } = await createToken(t.ctx, "system", admin, { name: "letterhead api" });
    const unit = await unitOf("forv-miljo");
    const put = (web: string) =>
      t.app.inject({
        method: "PUT",
        url: "/api/v1/units/forv-miljo",
        headers: { authorization: `Bearer ${token}` },
        payload: {
          name: unit.name,
          type: unit.type,
          parentId: unit.parent_id,
          visitingAddress: "Fleminggatan 4",
          web,
        },
      });
    const refused = await put("http://");
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.json())).toContain("web");
    expect((await unitOf("forv-miljo")).visiting_address).toBe(unit.visiting_address);
    const saved = await put("stockholm.se");
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ visitingAddress: "Fleminggatan 4", web: "stockholm.se" });
  });
});
