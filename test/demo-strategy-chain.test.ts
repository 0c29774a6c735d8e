import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseDecisions } from "../src/meetings/decisions.service.ts";
import { appealEndsOn, legalForceOn } from "../src/meetings/meetings.model.ts";
import { agendaOfMeeting, meetingList } from "../src/meetings/meetings.service.ts";
import { getCaseByDiaryNumber } from "../src/registry/cases.service.ts";
import { getCaseDocuments } from "../src/registry/index.ts";
import { caseReports } from "../src/reports/reports.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";
import { registeredWord } from "./helpers/word.ts";

/** The demo's strategy case from report to council decision (issue 19 item 6), as the seed describes it. */
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

const strategyCase = () => getCaseByDiaryNumber(t.ctx, "KS 171-482/2016");

describe("the demo's strategy case", () => {
  it("holds the city office's report of 2016-06-02, written from the seed's text and approved by both signatories", async () => {
    const c = await strategyCase();
    const { reports } = await caseReports(t.ctx, await demoActor(t, "handlaggare"), c.id);
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report?.status).toBe("approved");
    expect(report?.content.proposals).toHaveLength(1);
    expect(report?.approvals.map((a) => [a.name, a.approvedAt.slice(0, 10)])).toEqual([
      ["Siv Stadsdirektör (demo)", "2016-06-02"],
      ["Alf Avdelningsdirektör (demo)", "2016-06-02"],
    ]);
    const document = (await getCaseDocuments(t.ctx, c.id)).find((d) => d.id === report?.documentId);
    expect(document).toMatchObject({
      date: "2016-06-02",
      documentType: "Tjänsteutlåtande",
      description: "Tjänsteutlåtande: Internationell strategi för Stockholms stad",
    });
    const word = await registeredWord(t, report?.documentId ?? "");
    expect(word.header).toContain("KS 171-482/2016");
    expect(word.header).toContain("2016-06-02");
    expect(word.body).toContain(
      "1. Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande. Internationell strategi för Stockholms stad, bilaga 1 till stadsledningskontorets tjänsteutlåtande, antas",
    );
    // The seed's sections, as it prints them.
    for (const line of [
      "Sammanfattning",
      "För att staden ska nå framgång i sitt internationella arbete föreslår stadsledningskontoret",
      "4. Påverkan – Händelser i världen och politiska beslut på överstatlig nivå",
      "Bakgrund",
      "Kommunfullmäktige antog 2008 övergripande mål, inriktning och riktlinjer för internationellt arbete (Dnr 006-1137/2007).",
      "Ärendets beredning",
      "i samråd med koncernledningen för Stockholms Stadshus AB",
      "Internationellt sett går det bra för Stockholm",
      "Bilagor",
      "1. Bilaga 1. Internationell strategi för Stockholms stad",
      "Siv Stadsdirektör (demo)",
      "Alf Avdelningsdirektör (demo)",
    ])
      expect(word.body).toContain(line);
  });

  it("was consulted on that report: the round's material is the report and the strategy", async () => {
    const c = await strategyCase();
    const documents = await getCaseDocuments(t.ctx, c.id);
    const cover = documents.find((d) => d.date === "2016-06-21");
    expect(cover).toBeDefined();
    const round = await t.ctx.db
      .selectFrom("consultations")
      .select("id")
      .where("case_id", "=", c.id)
      .executeTakeFirstOrThrow();
    const material = await t.ctx.db
      .selectFrom("consultation_material")
      .select("document_id")
      .where("consultation_id", "=", round.id)
      .execute();
    const types = material.map((m) => documents.find((d) => d.id === m.document_id)?.documentType).sort();
    expect(types).toEqual(["Tjänsteutlåtande", "bilaga"]);
  });

  it("went from KS's proposal to KF's decision, each with its minutes extract registered and its minutes posted", async () => {
    const c = await strategyCase();
    const { decisions } = await caseDecisions(t.ctx, c.id);
    expect(
      decisions.map((d) => [d.body, d.decidedOn, d.paragraph, d.outcome, d.proposesTo, d.postedOn]),
    ).toEqual([
      ["KS", "2016-12-14", 1, "proposal", "KF", "2016-12-19"],
      ["KF", "2017-01-30", 1, "approved", null, "2017-02-06"],
    ]);
    const documents = await getCaseDocuments(t.ctx, c.id);
    for (const d of decisions) {
      const extract = documents.find((doc) => doc.id === d.extractDocumentId);
      expect(extract).toMatchObject({
        documentType: "Protokollsutdrag",
        date: d.decidedOn,
        status: "registered",
      });
      const word = await registeredWord(t, d.extractDocumentId);
      expect(word.header).toContain("KS 171-482/2016");
      expect(word.body).toContain(
        "Internationell strategi för Stockholms stad, bilaga 1 till stadsledningskontorets tjänsteutlåtande, antas",
      );
    }
    // The KF item's underlag is KS's extract; the KS item's the approved report.
    const meetings = await meetingList(t.ctx);
    const ks = meetings.find((m) => m.body === "KS" && m.meetingDate === "2016-12-14");
    const kf = meetings.find((m) => m.body === "KF" && m.meetingDate === "2017-01-30");
    const [ksItem] = await agendaOfMeeting(t.ctx, ks?.id ?? "");
    const [kfItem] = await agendaOfMeeting(t.ctx, kf?.id ?? "");
    const { reports } = await caseReports(t.ctx, await demoActor(t, "handlaggare"), c.id);
    expect(ksItem?.documentId).toBe(reports[0]?.documentId);
    expect(kfItem?.documentId).toBe(decisions[0]?.extractDocumentId);
    expect(appealEndsOn("2017-02-06")).toBe("2017-02-27");
    expect(legalForceOn("2017-02-06")).toBe("2017-02-28");
  });

  it("shows the chain on the case's decisions page", async () => {
    const c = await strategyCase();
    const client = new TestClient(t.app);
    await client.login("registrator");
    const res = await client.get(`/arenden/${c.id}/beslut`);
    expect(res.statusCode).toBe(200);
    const page = res.body;
    expect(page).toContain("Kommunstyrelsen föreslår att kommunfullmäktige beslutar följande.");
    expect(page).toContain("2017-02-27");
    expect(page.indexOf("2016-12-14")).toBeLessThan(page.indexOf("2017-01-30"));
  });
});
