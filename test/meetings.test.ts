import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import {
  caseDecisions,
  delegationList,
  recordDelegationDecision,
  recordMeetingDecision,
} from "../src/meetings/decisions.service.ts";
import { appealEndsOn, legalForceOn } from "../src/meetings/meetings.model.ts";
import {
  addAgendaItem,
  agendaCandidates,
  agendaOfMeeting,
  createMeeting,
  postMinutes,
} from "../src/meetings/meetings.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { AppError } from "../src/platform/errors.ts";
import { openCase } from "../src/registry/cases.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { approvedReports } from "../src/reports/index.ts";
import { approveReport, createReport } from "../src/reports/reports.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { openWord } from "./helpers/word.ts";

let t: TestApp;
let clerk: UserActor;

beforeAll(async () => {
  t = await buildTestApp({ clock: new ManualClock(new Date("2026-12-07T11:00:00Z")) });
  clerk = await demoActor(t, "registrator");
});
afterAll(async () => {
  await t.close();
});

/** An open case with its officer's report approved by its one signatory: `report` is its registered document. */
async function caseWithReport(title: string) {
  const c = await openCase(t.ctx, clerk, {
    registryId: "ks",
    title,
    classId: await demoClassId(t, "2019", "1.4"),
    unitId: "slk",
  });
  const draft = await createReport(t.ctx, clerk, c.id, {
    title,
    addressedTo: "Kommunstyrelsen",
    proposals: [`Kommunstyrelsen beslutar i ärendet ${title}.`],
    summary: "Sammanfattning.",
    background: "Bakgrund.",
    preparation: "Beredning.",
    views: "Kontorets synpunkter.",
    attachmentIds: [],
    signatoryIds: [clerk.id],
  });
  await approveReport(t.ctx, clerk, draft.id);
  const [approved] = await approvedReports(t.ctx, c.id);
  if (!approved) throw new Error("the report was not registered");
  return { c, report: { id: approved.documentId } };
}

const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
};

async function extractOf(documentId: string) {
  const file = await t.ctx.db
    .selectFrom("document_files")
    .select("sha256")
    .where("document_id", "=", documentId)
    .executeTakeFirstOrThrow();
  return openWord(await t.ctx.files.get(file.sha256));
}

describe("meetings and the chain KS → KF", () => {
  it("puts a case on KS's agenda, records KS's proposal to KF, carries it to KF's agenda, and KF's decision closes the chain", async () => {
    const { c, report } = await caseWithReport("Medlemskap i Påhittade städers nätverk");
    const ks = await createMeeting(t.ctx, clerk, {
      body: "KS",
      meetingDate: "2026-11-25",
      place: "Stadshuset",
    });
    const item = await addAgendaItem(t.ctx, clerk, ks.id, {
      diaryNumber: c.diaryNumber,
      documentId: report.id,
      title: "Medlemskap i nätverket",
    });
    expect(item.position).toBe(1);

    const proposal = await recordMeetingDecision(t.ctx, clerk, item.id, {
      outcome: "proposal",
      proposesTo: "KF",
      text: "Staden blir medlem i nätverket.",
    });
    expect(proposal).toMatchObject({
      body: "KS",
      outcome: "proposal",
      proposesTo: "KF",
      meetingDate: "2026-11-25",
    });

    // No KF meeting yet: the item waits, and goes on the council's agenda when its meeting is set.
    const kf = await createMeeting(t.ctx, clerk, {
      body: "KF",
      meetingDate: "2026-12-07",
      place: "Rådhuset",
    });
    const [carried] = await agendaOfMeeting(t.ctx, kf.id);
    expect(carried).toMatchObject({
      caseId: c.id,
      title: "Medlemskap i nätverket",
      documentId: proposal.extractDocumentId,
    });
    const decided = await recordMeetingDecision(t.ctx, clerk, carried?.id ?? "", {
      outcome: "approved",
      text: "Staden blir medlem i nätverket.",
    });
    expect(decided.body).toBe("KF");

    const { decisions } = await caseDecisions(t.ctx, c.id);
    expect(decisions.map((d) => [d.body, d.outcome, d.proposesTo])).toEqual([
      ["KS", "proposal", "KF"],
      ["KF", "approved", null],
    ]);

    const extract = await extractOf(proposal.extractDocumentId);
    expect(extract.header).toContain(c.diaryNumber);
    expect(extract.header).toContain("Sida {PAGE} ({NUMPAGES})");
    expect(extract.body).toContain(`§ ${proposal.paragraph} Medlemskap i nätverket`);
    expect(extract.body).toContain("Kommunstyrelsen föreslår Kommunfullmäktige besluta följande.");
    expect(extract.body).toContain("Vid protokollet");
    expect(extract.body).toContain("Justeras");
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", decided.extractDocumentId)
      .executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ case_id: c.id, status: "registered", document_type: "Protokollsutdrag" });
    const audit = await t.ctx.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", c.id)
      .where("action", "=", "meeting.decide")
      .execute();
    expect(audit).toHaveLength(2);
  });

  it("numbers paragraphs per body and year, and refuses a second decision on an item", async () => {
    const one = await caseWithReport("Första ärendet");
    const two = await caseWithReport("Andra ärendet");
    const m = await createMeeting(t.ctx, clerk, {
      body: "UNIT",
      unitId: "fn-kultur",
      meetingDate: "2026-12-01",
      place: "Kulturhuset",
    });
    const first = await addAgendaItem(t.ctx, clerk, m.id, {
      diaryNumber: one.c.diaryNumber,
      documentId: one.report.id,
      title: "Ett",
    });
    const second = await addAgendaItem(t.ctx, clerk, m.id, {
      diaryNumber: two.c.diaryNumber,
      documentId: two.report.id,
      title: "Två",
    });
    const a = await recordMeetingDecision(t.ctx, clerk, first.id, { outcome: "approved", text: "Bifall." });
    const b = await recordMeetingDecision(t.ctx, clerk, second.id, {
      outcome: "referred_back",
      text: "Återremiss.",
    });
    expect([a.paragraph, b.paragraph]).toEqual([1, 2]);
    expect(
      (await refusal(recordMeetingDecision(t.ctx, clerk, first.id, { outcome: "approved", text: "Igen." })))
        .status,
    ).toBe(409);
  });

  it("refuses bad input with every error at once and writes nothing", async () => {
    const { c } = await caseWithReport("Felaktigt underlag");
    const other = await caseWithReport("Annat ärende");
    const m = await createMeeting(t.ctx, clerk, {
      body: "KS",
      meetingDate: "2026-12-02",
      place: "Stadshuset",
    });
    const bad = await refusal(
      createMeeting(t.ctx, clerk, { body: "UNIT", meetingDate: "2026-13-01", place: "" }),
    );
    expect(bad.fields.map((f) => f.field).sort()).toEqual(["meetingDate", "place", "unitId"]);
    const item = await refusal(
      addAgendaItem(t.ctx, clerk, m.id, {
        diaryNumber: c.diaryNumber,
        documentId: other.report.id,
        title: "",
      }),
    );
    expect(item.fields.map((f) => [f.field, f.message])).toEqual([
      ["title", "validation.required"],
      ["documentId", "meeting.underlag_not_in_case"],
    ]);
    // A registered document of the case that is not an approved report is no underlag either.
    const letter = await registerDocument(
      t.ctx,
      clerk,
      c.id,
      { direction: "internal", description: "Ett utkast till skrivelse", documentType: "Skrivelse" },
      null,
    );
    const notReport = await refusal(
      addAgendaItem(t.ctx, clerk, m.id, { diaryNumber: c.diaryNumber, documentId: letter.id, title: "Z" }),
    );
    expect(notReport.fields.map((f) => [f.field, f.message])).toEqual([
      ["documentId", "meeting.underlag_not_in_case"],
    ]);
    const unknown = await refusal(
      addAgendaItem(t.ctx, clerk, m.id, { diaryNumber: "KS 9999/1900", documentId: "x", title: "X" }),
    );
    expect(unknown.fields.map((f) => f.message)).toEqual(["meeting.case_unknown"]);
    expect(await agendaOfMeeting(t.ctx, m.id)).toEqual([]);
    const placed = await addAgendaItem(t.ctx, clerk, m.id, {
      diaryNumber: other.c.diaryNumber,
      documentId: other.report.id,
      title: "Y",
    });
    const decision = await refusal(
      recordMeetingDecision(t.ctx, clerk, placed.id, { outcome: "proposal", text: "" }),
    );
    expect(decision.fields.map((f) => f.field).sort()).toEqual(["proposesTo", "text"]);
    expect((await caseDecisions(t.ctx, other.c.id)).decisions).toEqual([]);
  });

  it("posts the justerade minutes on the public notice board with the appeal period's end and legal force", async () => {
    const { c, report } = await caseWithReport("Anslaget beslut");
    const m = await createMeeting(t.ctx, clerk, {
      body: "KS",
      meetingDate: "2026-11-04",
      place: "Stadshuset",
    });
    const item = await addAgendaItem(t.ctx, clerk, m.id, {
      diaryNumber: c.diaryNumber,
      documentId: report.id,
      title: "Anslaget",
    });
    await recordMeetingDecision(t.ctx, clerk, item.id, {
      outcome: "approved",
      text: "Bifall till förslaget.",
    });
    // Posted Friday 2026-11-13: three weeks end on Friday 2026-12-04.
    await postMinutes(t.ctx, clerk, m.id, { postedOn: "2026-11-13" });
    expect((await refusal(postMinutes(t.ctx, clerk, m.id, { postedOn: "2026-11-14" }))).status).toBe(409);
    const page = await new TestClient(t.app).get("/offentlig/anslagstavla");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Bifall till förslaget.");
    expect(page.body).toContain("2026-12-04");
    expect(page.body).toContain("2026-12-05, om beslutet inte har överklagats");
    const english = await new TestClient(t.app).get("/offentlig/anslagstavla", { "accept-language": "en" });
    expect(english.body).toContain("Notice board");
  });

  it("moves an appeal period ending on a weekend or holiday to the next working day", () => {
    expect(appealEndsOn("2026-11-13")).toBe("2026-12-04");
    // Saturday 2026-12-05 + 21 = Saturday 2026-12-26 (Boxing Day): Monday 28 December.
    expect(appealEndsOn("2026-12-05")).toBe("2026-12-28");
    // 2026-12-10 + 21 = New Year's Eve, then New Year's Day and a weekend: Monday 4 January.
    expect(appealEndsOn("2026-12-10")).toBe("2027-01-04");
    expect(legalForceOn("2026-11-13")).toBe("2026-12-05");
  });

  it("records delegation decisions without a meeting and lists them per body and period", async () => {
    const { c } = await caseWithReport("Konferensresa");
    const d = await recordDelegationDecision(t.ctx, clerk, {
      body: "IB",
      diaryNumber: c.diaryNumber,
      decidedOn: "2026-12-03",
      outcome: "approved",
      text: "Resan beviljas.",
    });
    expect(d).toMatchObject({ meetingId: null, body: "IB", paragraph: 1 });
    const list = await delegationList(t.ctx, {
      body: "IB",
      unitId: null,
      from: "2026-12-01",
      to: "2026-12-31",
    });
    expect(list.map((x) => x.id)).toEqual([d.id]);
    const extract = await extractOf(d.extractDocumentId);
    expect(extract.body).toContain("Finansborgarrådet, delegationsbeslut 2026-12-03");
    const future = await refusal(
      recordDelegationDecision(t.ctx, clerk, {
        body: "IB",
        diaryNumber: c.diaryNumber,
        decidedOn: "2026-12-24",
        outcome: "approved",
        text: "X",
      }),
    );
    expect(future.fields.map((f) => f.field)).toEqual(["decidedOn"]);
  });

  it("lists and records delegation decisions on their page, every error of the form at once", async () => {
    const { c } = await caseWithReport("Deltagande i nätverksmöte");
    const browser = new TestClient(t.app);
    await browser.login("registrator");
    expect((await browser.get("/moten")).body).toContain('href="/delegationsbeslut"');
    const empty = await browser.get("/delegationsbeslut");
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('name="diaryNumber"');
    const bad = await browser.post("/delegationsbeslut", { body: "", diaryNumber: "", text: "" });
    expect(bad.statusCode).toBe(422);
    for (const field of ["body", "diaryNumber", "decidedOn", "outcome", "text"])
      expect(bad.body).toContain(`href="#${field}"`);
    const saved = await browser.post("/delegationsbeslut", {
      body: "IB",
      diaryNumber: c.diaryNumber,
      "decidedOn-year": "2026",
      "decidedOn-month": "12",
      "decidedOn-day": "04",
      outcome: "approved",
      text: "Deltagandet beviljas.",
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/arenden/${c.id}/beslut`);
    const list = await browser.get("/delegationsbeslut?body=IB&unitId=&from=2026-12-04&to=2026-12-04");
    expect(list.body).toContain("Deltagandet beviljas.");
    expect(list.body).not.toContain("Resan beviljas.");
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    const read = await reader.get("/delegationsbeslut?body=IB&from=2026-12-01&to=2026-12-31");
    expect(read.statusCode).toBe(200);
    // The list, but not the form that records a decision.
    expect(read.body).toContain("Deltagandet beviljas.");
    expect(read.body).not.toContain('name="diaryNumber"');
    expect((await reader.post("/delegationsbeslut", { body: "IB" })).statusCode).toBe(403);
  });
});

describe("the agenda form", () => {
  it("offers the approved reports not yet on an agenda, refuses no choice with every error at once, and takes the report's title when none is typed", async () => {
    const { c, report } = await caseWithReport("Val av underlag ur en lista");
    const meeting = await createMeeting(t.ctx, clerk, {
      body: "KS",
      meetingDate: "2026-12-16",
      place: "Stadshuset",
    });
    expect((await agendaCandidates(t.ctx)).map((r) => [r.diaryNumber, r.documentId])).toContainEqual([
      c.diaryNumber,
      report.id,
    ]);
    const browser = new TestClient(t.app);
    await browser.login("registrator");
    const page = await browser.get(`/moten/${meeting.id}`);
    expect(page.body).toContain(
      `<option value="${report.id}">${c.diaryNumber} – Val av underlag ur en lista (godkänt 2026-12-07)</option>`,
    );
    const bad = await browser.post(`/moten/${meeting.id}/punkter`, {
      documentId: "",
      title: "x".repeat(501),
    });
    expect(bad.statusCode).toBe(422);
    for (const field of ["documentId", "title"]) expect(bad.body).toContain(`href="#${field}"`);
    const unknown = await browser.post(`/moten/${meeting.id}/punkter`, {
      documentId: "no-such-document",
      title: "",
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain('href="#documentId"');
    expect(await agendaOfMeeting(t.ctx, meeting.id)).toEqual([]);
    const saved = await browser.post(`/moten/${meeting.id}/punkter`, { documentId: report.id, title: "" });
    expect(saved.statusCode).toBe(303);
    expect((await agendaOfMeeting(t.ctx, meeting.id)).map((i) => [i.caseId, i.documentId, i.title])).toEqual([
      [c.id, report.id, "Val av underlag ur en lista"],
    ]);
    // On an agenda, it is no longer offered.
    expect((await agendaCandidates(t.ctx)).map((r) => r.documentId)).not.toContain(report.id);
    expect((await browser.get(`/moten/${meeting.id}`)).body).not.toContain(`<option value="${report.id}"`);
  });
});

describe("the meetings API", () => {
  const api = async (method: "GET" | "POST", url: string, username: string, payload?: object) => {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, username);
    if (!user) throw new Error(username);
    const { token } = await createToken(t.ctx, "system", user, { name: "meetings" });
    return t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  };

  it("takes a case from the city board's proposal to the council's decision and lists the chain in order", async () => {
    const { c, report } = await caseWithReport("Avtal om samarbete genom API");
    const ks = await api("POST", "/meetings", "registrator", {
      body: "KS",
      meetingDate: "2026-10-14",
      place: "Stadshuset",
    });
    expect(ks.statusCode).toBe(201);
    const item = await api("POST", `/meetings/${ks.json().id}/agenda-items`, "registrator", {
      diaryNumber: c.diaryNumber,
      documentId: report.id,
      title: "Avtal om samarbete",
    });
    expect(item.statusCode).toBe(201);
    const proposal = await api("POST", `/agenda-items/${item.json().id}/decision`, "registrator", {
      outcome: "proposal",
      proposesTo: "KF",
      text: "Kommunstyrelsen föreslår kommunfullmäktige att godkänna avtalet.",
    });
    expect(proposal.statusCode).toBe(201);

    const kf = await api("POST", "/meetings", "registrator", {
      body: "KF",
      meetingDate: "2026-10-19",
      place: "Stadshuset",
    });
    expect(kf.statusCode).toBe(201);
    // The proposal waits on the council's next meeting whose minutes are not posted (an earlier test's may come first).
    type Item = { id: string; caseId: string; documentId: string; decisionId: string | null };
    type MeetingJson = { id: string; body: string; meetingDate: string; agenda: Item[] };
    const meetings = (await api("GET", "/meetings", "lasare")).json().items as MeetingJson[];
    const councils = await Promise.all(
      meetings
        .filter((m) => m.body === "KF")
        .map(async (m) => (await api("GET", `/meetings/${m.id}`, "lasare")).json() as MeetingJson),
    );
    const carriedTo = councils.filter((m) => m.agenda.some((i) => i.caseId === c.id));
    expect(carriedTo).toHaveLength(1);
    const council = carriedTo[0];
    const onAgenda = council?.agenda.find((i) => i.caseId === c.id);
    if (!council || !onAgenda) throw new Error("the proposal is on no council agenda");
    expect(onAgenda.documentId).toBe(proposal.json().extractDocumentId);
    const decided = await api("POST", `/agenda-items/${onAgenda.id}/decision`, "registrator", {
      outcome: "approved",
      text: "Kommunfullmäktige godkänner avtalet.",
    });
    expect(decided.statusCode).toBe(201);

    const chain = await api("GET", `/cases/${c.id}/decisions`, "lasare");
    expect(chain.statusCode).toBe(200);
    const items = chain.json().items as Record<string, unknown>[];
    expect(items.map((d) => [d.body, d.meetingDate, d.outcome, d.proposesTo])).toEqual([
      ["KS", "2026-10-14", "proposal", "KF"],
      ["KF", council.meetingDate, "approved", null],
    ]);
    for (const d of items) {
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining([
          "id",
          "body",
          "meetingDate",
          "paragraph",
          "outcome",
          "text",
          "proposesTo",
          "extractDocumentId",
        ]),
      );
      expect(
        await t.ctx.db
          .selectFrom("documents")
          .select("case_id")
          .where("id", "=", String(d.extractDocumentId))
          .executeTakeFirst(),
      ).toEqual({ case_id: c.id });
    }
  });

  it("refuses a reader's write and reports every error of bad input at once", async () => {
    expect(
      (await api("POST", "/meetings", "lasare", { body: "KS", meetingDate: "2026-10-01", place: "X" }))
        .statusCode,
    ).toBe(403);
    const bad = await api("POST", "/meetings", "registrator", {
      body: "UNIT",
      meetingDate: "2026-13-01",
      place: "",
    });
    expect(bad.statusCode).toBe(422);
    const fields = bad.json().error.fields as { field: string }[];
    expect(fields.map((f) => f.field).sort()).toEqual(["meetingDate", "place", "unitId"]);
  });
});
