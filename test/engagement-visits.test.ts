import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { recordDecision } from "../src/engagements/decisions.service.ts";
import { getEngagement } from "../src/engagements/engagements.service.ts";
import {
  assessVisitRequest,
  decideVisitRequest,
  getVisitRequest,
  moveVisitRequest,
  receiveVisitRequest,
  writeInvitationLetter,
  writeOffVisitRequest,
} from "../src/engagements/visits/visits.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { AppError } from "../src/platform/errors.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { rowCount } from "./helpers/database.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { apiAs, auditCount } from "./helpers/intl.ts";
import { bodyText, header, type ReceivedMail, startSmtpServer } from "./helpers/smtp.ts";
import { openWord } from "./helpers/word.ts";

/** Monday 9 March 2026 in Stockholm. */
const clock = new ManualClock(new Date("2026-03-09T09:00:00Z"));
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let officer: UserActor;
/** The demo contact person, of Kulturförvaltningen: they handle that unit's requests. */
let contact: UserActor;
let decider: UserActor;
const CASE = "KS 171-482/2016";
/** The contact person's unit, and another. */
const OWN = "forv-kultur";
const OTHER = "forv-miljo";
const KULTUR_MAILBOX = "forv.kultur@stockholm.example";
const REQUEST = {
  organisation: "Helsingin kaupunki, sosiaalitoimi",
  country: "fi",
  contactName: "Aino Keksitty",
  contactEmail: "aino.keksitty@example.fi",
  visitFrom: "2026-05-11",
  visitTo: "2026-05-12",
  participants: "8",
  purpose: "Utbyte om äldreomsorgens digitala stöd.",
  politicalLevel: "normal",
};
const SUPPORTS = {
  mutualLearning: true,
  newPerspectives: true,
  serviceDevelopment: false,
  raisedCompetence: false,
  cityImage: true,
  residentTies: false,
  assessmentNote: "Ömsesidigt lärande om digitalt stöd i äldreomsorgen.",
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ clock, env: { KANSLI_SMTP_URL: smtp.url } });
  officer = await demoActor(t, "handlaggare");
  contact = await demoActor(t, "kontaktperson");
  decider = await demoActor(t, "beslutsfattare");
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const visitCount = () => rowCount(t.ctx.db, "visit_requests");

/** Sends what waits in the outbox to the test's SMTP server; returns what arrived. */
async function deliver(): Promise<ReceivedMail[]> {
  const before = smtp.received.length;
  const transport = mailTransport(t.config);
  if (!transport) throw new Error("no SMTP configured");
  while ((await deliverPending(t.ctx, transport)) > 0);
  transport.close();
  return smtp.received.slice(before);
}

async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError) return { status: error.status, fields: error.fields };
    throw error;
  }
  throw new Error("expected a refusal");
}

const caseRow = (id: string | null) =>
  t.ctx.db
    .selectFrom("cases")
    .selectAll()
    .where("id", "=", id ?? "")
    .executeTakeFirstOrThrow();
const documentRow = (id: string | null) =>
  t.ctx.db
    .selectFrom("documents")
    .selectAll()
    .where("id", "=", id ?? "")
    .executeTakeFirstOrThrow();
const caseDocuments = (caseId: string | null) =>
  t.ctx.db
    .selectFrom("documents")
    .selectAll()
    .where("case_id", "=", caseId ?? "")
    .orderBy("created_at")
    .execute();
/** The newest file of a document. */
async function fileOf(documentId: string | null): Promise<Buffer> {
  const file = await t.ctx.db
    .selectFrom("document_files")
    .select("sha256")
    .where("document_id", "=", documentId ?? "")
    .orderBy("version", "desc")
    .executeTakeFirstOrThrow();
  return t.ctx.files.get(file.sha256);
}
/** Every audit event since `seq`, as stored text. */
const auditSince = async (seq: number) =>
  (
    await t.ctx.db
      .selectFrom("audit_events")
      .select(["action", "before_json", "after_json"])
      .where("seq", ">", seq)
      .orderBy("seq")
      .execute()
  ).map((e) => ({ action: e.action, text: `${e.before_json ?? ""} ${e.after_json ?? ""}` }));
const lastSeq = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom("audit_events")
        .select((eb) => eb.fn.max("seq").as("seq"))
        .executeTakeFirstOrThrow()
    ).seq ?? 0,
  );

/** A request routed to `unit` and assessed as the strategy supports it. */
async function assessed(unit: string, prioritised: boolean) {
  const v = await receiveVisitRequest(t.ctx, "public", { ...REQUEST, unitIds: [unit] });
  await assessVisitRequest(t.ctx, contact.unitId === unit ? contact : officer, v.id, {
    ...SUPPORTS,
    prioritised,
  });
  return v;
}

/** An accepted visit of the contact person's unit; its engagement approved by the unit's board when `approve`. */
async function accepted(prioritised: boolean, approve: boolean) {
  const v = await assessed(OWN, prioritised);
  const decided = await decideVisitRequest(t.ctx, contact, v.id, {
    outcome: "accept",
    outcomeNote: "Programmet skickas i april.",
  });
  if (approve)
    await recordDecision(t.ctx, decider, decided.engagementId ?? "", {
      decidedOn: "2026-03-09",
      minutesParagraph: "§ 4",
      outcome: "approved",
    });
  return decided;
}

describe("the public visit request form", () => {
  it("registers a request as an incoming document in a new case, shows its diary number at once, mails the receipt and tells the coordinating office", async () => {
    const anyone = new TestClient(t.app);
    expect((await anyone.get("/offentlig/besok")).statusCode).toBe(200);
    const before = await visitCount();
    const seq = await lastSeq();
    const res = await anyone.post("/offentlig/besok", { ...REQUEST, unitIds: OWN });
    expect(res.statusCode).toBe(303);
    expect(await visitCount()).toBe(before + 1);
    const row = await t.ctx.db
      .selectFrom("visit_requests")
      .selectAll()
      .orderBy("received_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      received_via: "public",
      country: "FI",
      coordinator: "UNIT",
      coordinator_unit_id: OWN,
      status: "received",
      case_opened: 1,
    });
    expect(res.headers.location).toBe(`/offentlig/besok/mottagen/${row.id}`);

    // The case: opened for the request in the registry, filed under visits, the organisation its party.
    const c = await caseRow(row.case_id);
    expect(c).toMatchObject({
      registry_id: "ks",
      unit_id: OWN,
      status: "open",
      class_id: await demoClassId(t, "2019", "2.4"),
      title: `Besöksförfrågan från ${REQUEST.organisation}, 2026-05-11–2026-05-12`,
      public_title: `Besöksförfrågan från ${REQUEST.organisation}`,
    });
    const parties = await t.ctx.db
      .selectFrom("case_parties")
      .selectAll()
      .where("case_id", "=", c.id)
      .execute();
    expect(parties).toMatchObject([{ name: REQUEST.organisation, email: REQUEST.contactEmail }]);

    // The request as an incoming document: the form's answers as a Word file.
    const doc = await documentRow(row.document_id);
    expect(doc).toMatchObject({
      case_id: c.id,
      direction: "incoming",
      status: "registered",
      document_date: "2026-03-09",
      document_type: "besöksförfrågan",
      party: REQUEST.organisation,
      description: `Besöksförfrågan från ${REQUEST.organisation}`,
    });
    const text = (await mammoth.extractRawText({ buffer: await fileOf(doc.id) })).value;
    for (const part of [
      REQUEST.organisation,
      REQUEST.contactName,
      REQUEST.contactEmail,
      REQUEST.purpose,
      "Finland",
    ])
      expect(text).toContain(part);

    // The thank-you page shows the diary number at once; the case is in the public register.
    const receipt = await anyone.get(res.headers.location as string);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.body).toContain(c.diary_number);
    expect(receipt.body).not.toContain(REQUEST.contactEmail);
    const register = await anyone.get(`/offentlig/arenden/${encodeURIComponent(c.diary_number)}`);
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain(`Besöksförfrågan från ${REQUEST.organisation}`);

    // The sender's personal details stay out of the audit trail.
    const events = await auditSince(seq);
    expect(events.map((e) => e.action)).toEqual(["case.open", "document.register", "visit_request.receive"]);
    for (const e of events) {
      expect(e.text).not.toContain(REQUEST.contactName);
      expect(e.text).not.toContain(REQUEST.contactEmail);
    }

    // Over real SMTP: the receipt with the diary number to the sender, the notice to the unit.
    const mails = await deliver();
    const receiptMail = mails.find((m) => m.to.includes(REQUEST.contactEmail));
    if (!receiptMail) throw new Error("no receipt mail");
    expect(header(receiptMail.raw, "subject")).toBe(`Besöksförfrågan mottagen – Dnr ${c.diary_number}`);
    const receiptText = bodyText(receiptMail.raw);
    expect(receiptText).toContain(`registrerad med diarienummer ${c.diary_number}`);
    expect(receiptText).toContain(`/offentlig/besok/mottagen/${row.id}`);
    const notice = mails.find((m) => m.to.includes(KULTUR_MAILBOX));
    if (!notice) throw new Error("no notice to the coordinating unit");
    expect(header(notice.raw, "subject")).toBe(
      `Ny besöksförfrågan: ${REQUEST.organisation} (${c.diary_number})`,
    );
    const noticeText = bodyText(notice.raw);
    expect(noticeText).toContain(`/engagemang/besok/${row.id}`);
    expect(noticeText).not.toContain(REQUEST.contactName);
    expect(noticeText).not.toContain(REQUEST.contactEmail);
  });

  it("writes the receipt in the language the form was sent in", async () => {
    const anyone = new TestClient(t.app);
    anyone.cookies.set("kansli_lang", "en");
    await anyone.get("/offentlig/besok");
    const res = await anyone.post("/offentlig/besok", {
      ...REQUEST,
      contactEmail: "english.sender@example.fi",
      unitIds: OWN,
    });
    expect(res.statusCode).toBe(303);
    const page = await anyone.get(res.headers.location as string);
    expect(page.body).toContain("Reference number");
    const mail = (await deliver()).find((m) => m.to.includes("english.sender@example.fi"));
    if (!mail) throw new Error("no receipt mail");
    expect(header(mail.raw, "subject")).toMatch(/^Visit request received – Ref\. no\. KS \d{4}\/\d+$/);
    expect(bodyText(mail.raw)).toContain("Please quote the reference number");
  });

  it("has KS coordinate a visit at a high political level: its registry, its unit, its mailbox", async () => {
    const v = await receiveVisitRequest(t.ctx, "public", {
      ...REQUEST,
      politicalLevel: "high",
      unitIds: [OWN],
    });
    expect(v.routing).toEqual({ coordinator: "KS", unitId: null, rule: "ks_significant_visit" });
    expect(await caseRow(v.caseId)).toMatchObject({ registry_id: "ks", unit_id: "ks" });
    const mails = await deliver();
    expect(mails.some((m) => m.to.includes("ks@stockholm.example"))).toBe(true);
    expect(mails.some((m) => m.to.includes(KULTUR_MAILBOX))).toBe(false);
  });

  it("stores and mails nothing when the robot trap is filled in, yet answers as on success", async () => {
    const robot = new TestClient(t.app);
    await robot.get("/offentlig/besok");
    const before = [
      await visitCount(),
      await rowCount(t.ctx.db, "cases"),
      await rowCount(t.ctx.db, "mail_outbox"),
    ];
    const res = await robot.post("/offentlig/besok", { ...REQUEST, website: "http://spam.example" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/offentlig/besok/mottagen");
    expect((await robot.get("/offentlig/besok/mottagen")).statusCode).toBe(200);
    expect([
      await visitCount(),
      await rowCount(t.ctx.db, "cases"),
      await rowCount(t.ctx.db, "mail_outbox"),
    ]).toEqual(before);
  });

  it("refuses bad input with every error at once, keeps the answers and writes nothing", async () => {
    const anyone = new TestClient(t.app);
    await anyone.get("/offentlig/besok");
    const before = [
      await visitCount(),
      await rowCount(t.ctx.db, "cases"),
      await rowCount(t.ctx.db, "mail_outbox"),
    ];
    const res = await anyone.post("/offentlig/besok", {
      organisation: "",
      country: "XX",
      contactName: "",
      contactEmail: "fel",
      visitFrom: "2026-05-12",
      visitTo: "2026-05-11",
      participants: "0",
      purpose: "",
      politicalLevel: "normal",
      unitIds: "finns-inte",
    });
    expect(res.statusCode).toBe(422);
    for (const field of [
      "organisation",
      "country",
      "contactName",
      "contactEmail",
      "visitTo",
      "participants",
      "purpose",
      "unitIds",
    ])
      expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain('value="XX"');
    expect([
      await visitCount(),
      await rowCount(t.ctx.db, "cases"),
      await rowCount(t.ctx.db, "mail_outbox"),
    ]).toEqual(before);
  });

  it("shows no receipt for an unknown request", async () => {
    const res = await new TestClient(t.app).get(
      "/offentlig/besok/mottagen/0190a1b2-0000-7000-8000-000000000000",
    );
    expect(res.statusCode).toBe(404);
  });

  it("is linked from the public start page, the welcome page and the public list of engagements", async () => {
    const anyone = new TestClient(t.app);
    for (const page of ["/offentlig", "/", "/offentlig/internationellt"])
      expect((await anyone.get(page)).body, page).toContain('href="/offentlig/besok"');
  });

  it("limits one address to 10 posts a minute", async () => {
    const flood = new TestClient(t.app);
    await flood.get("/offentlig/besok");
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) answers.push((await flood.post("/offentlig/besok", {})).statusCode);
    expect(answers.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(answers[10]).toBe(429);
  });
});

describe("an officer's intake", () => {
  it("registers a request in the open case the officer names, opening none", async () => {
    const cases = await rowCount(t.ctx.db, "cases");
    const v = await receiveVisitRequest(t.ctx, officer, {
      ...REQUEST,
      unitIds: [OWN],
      caseDiaryNumber: CASE,
    });
    expect(await rowCount(t.ctx.db, "cases")).toBe(cases);
    expect(v).toMatchObject({ receivedVia: "officer", diaryNumber: CASE, caseOpened: false });
    expect(await documentRow(v.documentId)).toMatchObject({ direction: "incoming", status: "registered" });
  });

  it("refuses an unknown case on the case field and writes nothing", async () => {
    const before = [await visitCount(), await rowCount(t.ctx.db, "documents")];
    const refused = await refusal(() =>
      receiveVisitRequest(t.ctx, officer, { ...REQUEST, unitIds: [OWN], caseDiaryNumber: "KS 9999/1" }),
    );
    expect(refused.status).toBe(422);
    expect(refused.fields).toContainEqual({ field: "caseDiaryNumber", message: "followup.case_unknown" });
    expect([await visitCount(), await rowCount(t.ctx.db, "documents")]).toEqual(before);
  });

  it("never takes a case from the public form", async () => {
    const anyone = new TestClient(t.app);
    await anyone.get("/offentlig/besok");
    const res = await anyone.post("/offentlig/besok", { ...REQUEST, unitIds: OWN, caseDiaryNumber: CASE });
    expect(res.statusCode).toBe(422);
  });
});

describe("routing, assessment and the answer", () => {
  it("has KS coordinate visits touching several services", async () => {
    const units = await t.ctx.db
      .selectFrom("units")
      .select("id")
      .where("type", "=", "administration")
      .limit(2)
      .execute();
    const several = await receiveVisitRequest(t.ctx, officer, {
      ...REQUEST,
      unitIds: units.map((u) => u.id),
    });
    expect(several.routing.coordinator).toBe("KS");
  });

  it("refuses an invitation letter in the answer to a request: it comes only after the deciding body's decision (422, nothing written)", async () => {
    const v = await assessed(OWN, true);
    const documents = await rowCount(t.ctx.db, "documents");
    const refused = await refusal(() =>
      decideVisitRequest(t.ctx, contact, v.id, {
        outcome: "accept",
        invitationLetter: true,
        outcomeNote: "Välkomna.",
      }),
    );
    expect(refused.status).toBe(422);
    expect(refused.fields).toContainEqual({
      field: "invitationLetter",
      message: "visit.invitation_after_decision",
    });
    expect(await rowCount(t.ctx.db, "documents")).toBe(documents);
    expect((await getVisitRequest(t.ctx, v.id)).status).toBe("assessed");
  });

  it("refuses a decision whose invitation-letter flag is neither yes nor no (422, not 500), writing nothing", async () => {
    const v = await assessed(OWN, false);
    const refused = await refusal(() =>
      decideVisitRequest(t.ctx, contact, v.id, {
        outcome: "decline",
        invitationLetter: "kanske",
        outcomeNote: "Tyvärr.",
      }),
    );
    expect(refused.status).toBe(422);
    expect(refused.fields?.map((f) => f.field)).toContain("invitationLetter");
    expect((await getVisitRequest(t.ctx, v.id)).status).toBe("assessed");
  });

  it("answers in the request's own case: the letter is registered there, signs the request off, and an accepted visit becomes an engagement there", async () => {
    const v = await assessed(OWN, true);
    const decided = await decideVisitRequest(t.ctx, contact, v.id, {
      outcome: "accept",
      outcomeNote: "Programmet skickas i april.",
    });
    expect(decided).toMatchObject({ status: "decided", outcome: "accept", letterKind: "acceptance" });
    const letter = await documentRow(decided.letterDocumentId);
    expect(letter).toMatchObject({ case_id: v.caseId, direction: "outgoing", status: "registered" });
    const text = (await mammoth.extractRawText({ buffer: await fileOf(letter.id) })).value;
    expect(text).toContain("Your visit to the City of Stockholm");
    expect(text).toContain("Dear Aino Keksitty,");
    expect(text).toContain("Programmet skickas i april.");
    expect(await documentRow(v.documentId)).toMatchObject({
      signoff_kind: "answered",
      signed_off_on: "2026-03-09",
    });
    const engagement = await getEngagement(t.ctx, decided.engagementId ?? "");
    expect(engagement).toMatchObject({
      type: "visit",
      prioritised: true,
      startDate: "2026-05-11",
      caseId: v.caseId,
      status: "proposed",
    });
    expect(engagement.counterparts).toEqual([
      { kind: "organisation", name: REQUEST.organisation, country: "FI" },
    ]);
    expect((await refusal(() => assessVisitRequest(t.ctx, contact, v.id, SUPPORTS))).status).toBe(409);
  });

  it("declines through the page with a letter and no engagement; the page shows every error first", async () => {
    const v = await receiveVisitRequest(t.ctx, officer, { ...REQUEST, unitIds: [OWN] });
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    await browser.get(`/engagemang/besok/${v.id}`);
    const assessedPage = await browser.post(`/engagemang/besok/${v.id}/bedomning`, {
      checklist: "mutualLearning",
      assessmentNote: "Litet utbyte för oss just nu.",
    });
    expect(assessedPage.statusCode).toBe(303);
    const page = await browser.get(`/engagemang/besok/${v.id}`);
    expect(page.body).toContain("Bedömningen stöder inte besöket");
    expect(page.body).not.toContain('name="invitationLetter"');
    const bad = await browser.post(`/engagemang/besok/${v.id}/beslut`, {
      outcome: "refer",
      outcomeNote: "",
      caseDiaryNumber: "",
    });
    expect(bad.statusCode).toBe(422);
    // The request's own case belongs to Kulturförvaltningen: the demo officer may not write there.
    for (const field of ["referredTo", "outcomeNote", "caseDiaryNumber"])
      expect(bad.body).toContain(`href="#${field}"`);
    const ok = await browser.post(`/engagemang/besok/${v.id}/beslut`, {
      outcome: "decline",
      outcomeNote: "Vi hänvisar gärna till ett senare tillfälle.",
      caseDiaryNumber: CASE,
    });
    expect(ok.statusCode).toBe(303);
    const done = await getVisitRequest(t.ctx, v.id);
    expect(done).toMatchObject({ outcome: "decline", letterKind: "decline", engagementId: null });
    const strategy = await t.ctx.db
      .selectFrom("cases")
      .select("id")
      .where("diary_number", "=", CASE)
      .executeTakeFirstOrThrow();
    expect((await documentRow(done.letterDocumentId)).case_id).toBe(strategy.id);
    expect((await documentRow(v.documentId)).signoff_kind).toBe("answered");
  });

  it("takes in, assesses and lists a request through the API", async () => {
    const user = await findUserByUsername(t.ctx.db, t.config.tenantId, "kontaktperson");
    if (!user) throw new Error("no user");
    const { token } = await createToken(t.ctx, "system", user, { name: "visits" });
    const headers = { authorization: `Bearer ${token}` };
    const bad = await t.app.inject({
      method: "POST",
      url: "/api/v1/visit-requests",
      headers,
      payload: { country: "ZZ" },
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .error.fields.map((f: { field: string }) => f.field)
        .sort(),
    ).toEqual([
      "contactEmail",
      "contactName",
      "country",
      "organisation",
      "participants",
      "politicalLevel",
      "purpose",
      "visitFrom",
      "visitTo",
    ]);
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/visit-requests",
      headers,
      payload: { ...REQUEST, participants: 3, unitIds: [OWN] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      receivedVia: "officer",
      routing: { coordinator: "UNIT", unitId: OWN },
      caseOpened: true,
      diaryNumber: expect.stringMatching(/^KS 2026\/\d+$/),
    });
    const id = created.json().id;
    const assessedRes = await t.app.inject({
      method: "POST",
      url: `/api/v1/visit-requests/${id}/assessment`,
      headers,
      payload: { ...SUPPORTS, prioritised: false },
    });
    expect(assessedRes.statusCode).toBe(200);
    expect(assessedRes.json().status).toBe("assessed");
    const list = await t.app.inject({ method: "GET", url: "/api/v1/visit-requests", headers });
    expect(list.json().items.map((v: { id: string }) => v.id)).toContain(id);
  });
});

describe("writing junk off", () => {
  it("writes a request off without a letter, with a reason: its document stays signed off and the case opened for it closes", async () => {
    const v = await receiveVisitRequest(t.ctx, "public", {
      ...REQUEST,
      organisation: "Billiga klockor AB",
      purpose: "Köp våra klockor!",
      unitIds: [OWN],
    });
    const browser = new TestClient(t.app);
    await browser.login("kontaktperson");
    const page = await browser.get(`/engagemang/besok/${v.id}`);
    expect(page.body).toContain(`/engagemang/besok/${v.id}/avskriv`);
    const missing = await browser.post(`/engagemang/besok/${v.id}/avskriv`, { reason: "" });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('href="#reason"');
    const documents = await caseDocuments(v.caseId);
    const seq = await lastSeq();
    const res = await browser.post(`/engagemang/besok/${v.id}/avskriv`, {
      reason: "Reklam, ingen besöksförfrågan.",
    });
    expect(res.statusCode).toBe(303);
    const done = await getVisitRequest(t.ctx, v.id);
    expect(done).toMatchObject({
      status: "written_off",
      letterDocumentId: null,
      writtenOff: { reason: "Reklam, ingen besöksförfrågan.", by: contact.id },
    });
    // No letter: the case holds the request's document only, which stays registered, signed off as noted.
    expect((await caseDocuments(v.caseId)).map((d) => d.id)).toEqual(documents.map((d) => d.id));
    expect(await documentRow(v.documentId)).toMatchObject({
      status: "registered",
      signoff_kind: "noted",
      signed_off_on: "2026-03-09",
    });
    expect(await caseRow(v.caseId)).toMatchObject({ status: "closed", closed_on: "2026-03-09" });
    const events = await auditSince(seq);
    expect(events.map((e) => e.action)).toEqual([
      "document.sign_off",
      "case.close",
      "visit_request.write_off",
    ]);
    expect(events.at(-1)?.text).toContain("Reklam, ingen besöksförfrågan.");
    expect((await browser.get(`/engagemang/besok/${v.id}`)).body).toContain("Avskriven 2026-03-09: Reklam");
    // Written off once: nothing more is done with it.
    for (const step of [
      () => writeOffVisitRequest(t.ctx, contact, v.id, { reason: "Igen." }),
      () => assessVisitRequest(t.ctx, contact, v.id, SUPPORTS),
      () => moveVisitRequest(t.ctx, contact, v.id, { caseDiaryNumber: CASE }),
    ])
      expect((await refusal(step)).status).toBe(409);
    const list = await browser.get("/engagemang/besok");
    expect(list.body).toContain("Avskriven");
  });

  it("refuses to write off a request that has been answered (409)", async () => {
    const v = await assessed(OWN, false);
    await decideVisitRequest(t.ctx, contact, v.id, { outcome: "decline", outcomeNote: "Tyvärr." });
    const refused = await refusal(() => writeOffVisitRequest(t.ctx, contact, v.id, { reason: "Skräp." }));
    expect(refused).toMatchObject({ status: 409, fields: [{ field: "", message: "visit.already_decided" }] });
  });
});

describe("handling a request in another case", () => {
  it("moves the handling to an existing case: the request's document is signed off as handled there, its own case closes, and the answer goes there", async () => {
    const v = await assessed(OWN, false);
    const refusedSame = await refusal(() =>
      moveVisitRequest(t.ctx, contact, v.id, { caseDiaryNumber: v.diaryNumber }),
    );
    expect(refusedSame.fields).toContainEqual({ field: "caseDiaryNumber", message: "visit.move_same_case" });
    const refusedUnknown = await refusal(() =>
      moveVisitRequest(t.ctx, contact, v.id, { caseDiaryNumber: "KS 9999/1" }),
    );
    expect(refusedUnknown.fields).toContainEqual({
      field: "caseDiaryNumber",
      message: "followup.case_unknown",
    });

    const browser = new TestClient(t.app);
    await browser.login("kontaktperson");
    await browser.get(`/engagemang/besok/${v.id}`);
    const bad = await browser.post(`/engagemang/besok/${v.id}/arende`, { caseDiaryNumber: "" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#move-caseDiaryNumber"');
    const res = await browser.post(`/engagemang/besok/${v.id}/arende`, { caseDiaryNumber: CASE });
    expect(res.statusCode).toBe(303);
    const moved = await getVisitRequest(t.ctx, v.id);
    expect(moved).toMatchObject({ diaryNumber: CASE, caseOpened: false, documentId: v.documentId });
    expect(await documentRow(v.documentId)).toMatchObject({
      case_id: v.caseId,
      signoff_kind: "other_case",
      signoff_reference: CASE,
    });
    expect((await caseRow(v.caseId)).status).toBe("closed");
    const decided = await decideVisitRequest(t.ctx, contact, v.id, {
      outcome: "decline",
      outcomeNote: "Tyvärr inte i år.",
    });
    expect((await documentRow(decided.letterDocumentId)).case_id).toBe(moved.caseId);
  });

  it("registers a request from before registration in the case picked", async () => {
    const v = await receiveVisitRequest(t.ctx, "public", { ...REQUEST, unitIds: [OWN] });
    // As a request of before migration 2026-12-10-0101 looks: neither case nor document.
    await t.ctx.db
      .updateTable("visit_requests")
      .set({ case_id: null, document_id: null, case_opened: 0 })
      .where("id", "=", v.id)
      .execute();
    const browser = new TestClient(t.app);
    await browser.login("kontaktperson");
    expect((await browser.get(`/engagemang/besok/${v.id}`)).body).toContain("Inte registrerad");
    const registered = await moveVisitRequest(t.ctx, contact, v.id, { caseDiaryNumber: CASE });
    expect(registered.diaryNumber).toBe(CASE);
    expect(await documentRow(registered.documentId)).toMatchObject({
      direction: "incoming",
      status: "registered",
      document_type: "besöksförfrågan",
      document_date: "2026-03-09",
    });
  });
});

describe("a contact person acts only on their own unit's requests", () => {
  it("is refused every step on another unit's request, on the pages and in the API (403, nothing changed), and offered none", async () => {
    const toOther = await assessed(OTHER, true);
    const api = await apiAs(t, "kontaktperson");
    const browser = new TestClient(t.app);
    await browser.login("kontaktperson");
    const page = await browser.get(`/engagemang/besok/${toOther.id}`);
    expect(page.statusCode).toBe(200);
    for (const step of ["bedomning", "beslut", "avskriv", "arende", "inbjudan"])
      expect(page.body).not.toContain(`/engagemang/besok/${toOther.id}/${step}`);
    const state = async () => [await getVisitRequest(t.ctx, toOther.id), await auditCount(t)];
    const before = await state();
    const decline = { outcome: "decline", outcomeNote: "Nej tack." };
    const answers = [
      (await api("POST", `/visit-requests/${toOther.id}/assessment`, { ...SUPPORTS, prioritised: false }))
        .statusCode,
      (await api("POST", `/visit-requests/${toOther.id}/decision`, decline)).statusCode,
      (await api("POST", `/visit-requests/${toOther.id}/write-off`, { reason: "Skräp." })).statusCode,
      (await api("POST", `/visit-requests/${toOther.id}/case`, { caseDiaryNumber: CASE })).statusCode,
      (await api("POST", `/visit-requests/${toOther.id}/invitation-letter`, { participantNames: ["A B"] }))
        .statusCode,
      (await browser.post(`/engagemang/besok/${toOther.id}/bedomning`, { assessmentNote: "Nej." }))
        .statusCode,
      (await browser.post(`/engagemang/besok/${toOther.id}/beslut`, decline)).statusCode,
      (await browser.post(`/engagemang/besok/${toOther.id}/avskriv`, { reason: "Skräp." })).statusCode,
      (await browser.post(`/engagemang/besok/${toOther.id}/arende`, { caseDiaryNumber: CASE })).statusCode,
      (await browser.post(`/engagemang/besok/${toOther.id}/inbjudan`, { participantNames: "A B" }))
        .statusCode,
    ];
    expect(answers).toEqual(Array(10).fill(403));
    expect(await state()).toEqual(before);

    // Their own unit's request: the same steps are theirs.
    const own = await receiveVisitRequest(t.ctx, "public", { ...REQUEST, unitIds: [OWN] });
    expect((await browser.get(`/engagemang/besok/${own.id}`)).body).toContain(
      `/engagemang/besok/${own.id}/avskriv`,
    );
    expect((await api("POST", `/visit-requests/${own.id}/write-off`, { reason: "Skräp." })).statusCode).toBe(
      200,
    );
  });
});

describe("the invitation letter", () => {
  it("is refused before the deciding body has decided, and the page offers no form (409, nothing written)", async () => {
    const v = await accepted(true, false);
    const documents = await rowCount(t.ctx.db, "documents");
    const refused = await refusal(() =>
      writeInvitationLetter(t.ctx, contact, v.id, { participantNames: ["Aino Keksitty"] }),
    );
    expect(refused).toMatchObject({
      status: 409,
      fields: [{ field: "", message: "visit.invitation_before_decision" }],
    });
    const api = await apiAs(t, "kontaktperson");
    const res = await api("POST", `/visit-requests/${v.id}/invitation-letter`, {
      participantNames: ["Aino Keksitty"],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      { field: "", message: expect.stringContaining("först när det beslutande organet har godkänt besöket") },
    ]);
    expect(await rowCount(t.ctx.db, "documents")).toBe(documents);
    const browser = new TestClient(t.app);
    await browser.login("kontaktperson");
    const page = await browser.get(`/engagemang/besok/${v.id}`);
    expect(page.body).not.toContain(`/engagemang/besok/${v.id}/inbjudan`);
    expect(page.body).toContain("först när det beslutande organet har godkänt besöket");
  });

  it("is refused outside P5 even after the decision: a visit not prioritised (409 with the principle)", async () => {
    const v = await accepted(false, true);
    const refused = await refusal(() =>
      writeInvitationLetter(t.ctx, contact, v.id, { participantNames: ["Aino Keksitty"] }),
    );
    expect(refused.status).toBe(409);
    expect(refused.fields).toEqual([
      { field: "", message: "engagement.p5_letter_not_prioritised", principle: "P5" },
    ]);
    const browser = new TestClient(t.app);
    await browser.login("kontaktperson");
    const page = await browser.get(`/engagemang/besok/${v.id}`);
    expect(page.body).not.toContain(`/engagemang/besok/${v.id}/inbjudan`);
    expect(page.body).toContain("Inget inbjudningsbrev får skrivas");
  });

  it("is refused for a request that was not accepted (409)", async () => {
    const v = await assessed(OWN, true);
    await decideVisitRequest(t.ctx, contact, v.id, { outcome: "decline", outcomeNote: "Tyvärr." });
    const refused = await refusal(() =>
      writeInvitationLetter(t.ctx, contact, v.id, { participantNames: ["A"] }),
    );
    expect(refused).toMatchObject({
      status: 409,
      fields: [{ field: "", message: "visit.invitation_not_accepted" }],
    });
  });

  it("is written after the decision under P5: the city's template with date, diary number, contact and signatory, the decision and every participant by name", async () => {
    const v = await accepted(true, true);
    const browser = new TestClient(t.app);
    await browser.login("kontaktperson");
    const page = await browser.get(`/engagemang/besok/${v.id}`);
    expect(page.body).toContain(`/engagemang/besok/${v.id}/inbjudan`);
    expect(page.body).toContain("Beslut: Nämnden eller styrelsen för Kulturförvaltningen 2026-03-09, § 4.");
    const empty = await browser.post(`/engagemang/besok/${v.id}/inbjudan`, { participantNames: "\n  \n" });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#participantNames"');
    const seq = await lastSeq();
    const res = await browser.post(`/engagemang/besok/${v.id}/inbjudan`, {
      participantNames: "Aino Keksitty\r\n  Matti Mallikas \r\n\r\nLiisa Esimerkki",
      note: "Please bring your passports to the reception.",
    });
    expect(res.statusCode).toBe(303);
    const written = await getVisitRequest(t.ctx, v.id);
    const engagement = await getEngagement(t.ctx, written.engagementId ?? "");
    const doc = await documentRow(written.invitationDocumentId);
    expect(doc).toMatchObject({
      case_id: engagement.caseId,
      direction: "outgoing",
      status: "registered",
      document_type: "inbjudningsbrev",
      description: `Inbjudningsbrev till ${REQUEST.organisation}`,
    });
    const letter = await openWord(await fileOf(doc.id));
    const diaryNumber = (await caseRow(engagement.caseId)).diary_number;
    expect(letter.header).toContain(`Ref. no. ${diaryNumber}`);
    expect(letter.header).toContain("9 March 2026");
    expect(letter.body).toMatch(/^Contact\nKim Kontaktsson \(demo\)\n/);
    expect(letter.body).toContain("Invitation to the City of Stockholm");
    expect(letter.body).toContain("Dear Aino Keksitty,");
    expect(letter.body).toContain("from 2026-05-11 to 2026-05-12");
    expect(letter.body).toContain(
      "The visit has been approved by the committee or board of Kulturförvaltningen on 9 March 2026 (§ 4).",
    );
    expect(letter.body).toContain("The delegation consists of the following 3 participants:");
    for (const name of ["1\nAino Keksitty", "2\nMatti Mallikas", "3\nLiisa Esimerkki"])
      expect(letter.body).toContain(name);
    expect(letter.body).toContain("Please bring your passports to the reception.");
    expect(letter.body).toContain("in support of an application for a visa");
    expect(letter.body.trimEnd()).toMatch(/Kim Kontaktsson \(demo\)\nKulturförvaltningen$/);
    // The names are in the letter only: the trail counts them.
    const events = await auditSince(seq);
    expect(events.map((e) => e.action)).toEqual(["document.register", "visit_request.invitation_letter"]);
    expect(events.at(-1)?.text).toContain('"participants":3');
    for (const e of events) expect(e.text).not.toContain("Matti Mallikas");
    const shown = await browser.get(`/engagemang/besok/${v.id}`);
    expect(shown.body).toContain(`/handlingar/${doc.id}`);

    // Through the API as well, for a changed delegation.
    const api = await apiAs(t, "kontaktperson");
    const again = await api("POST", `/visit-requests/${v.id}/invitation-letter`, {
      participantNames: ["Aino Keksitty", "Pekka Esimerkki"],
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().invitationDocumentId).not.toBe(doc.id);
  });
});
