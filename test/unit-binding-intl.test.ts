import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import {
  allRecipients,
  createConsultation,
  getConsultation,
  sendConsultation,
} from "../src/consultation/index.ts";
import { recordDecision } from "../src/engagements/decisions.service.ts";
import { getEngagement, registerEngagement } from "../src/engagements/engagements.service.ts";
import { getVisitRequest, receiveVisitRequest } from "../src/engagements/visits/visits.service.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";
import {
  apiAs,
  auditCount,
  OTHER_OFFICER,
  OTHER_OFFICER_PASSWORD,
  OTHER_UNIT,
  otherUnitOfficer,
  PUBLIC_TITLE,
  secretCase,
} from "./helpers/intl.ts";
import { bodyText, header, type ReceivedMail, startSmtpServer } from "./helpers/smtp.ts";

/** Monday 9 March 2026; the rounds' deadline is eight weeks on. */
const clock = new ManualClock(new Date("2026-03-09T09:00:00Z"));
const DEADLINE = "2026-05-04";
const SODERMALM = "sdn.sodermalm@stockholm.example";
const MARKER = "Xq7Hemligt";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let officer: UserActor;
let caseId = "";
let diaryNumber = "";

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await buildTestApp({ clock, env: { KANSLI_SMTP_URL: smtp.url } });
  officer = await demoActor(t, "handlaggare");
  await otherUnitOfficer(t);
  const c = await secretCase(t, MARKER);
  caseId = c.id;
  diaryNumber = c.diaryNumber;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function deliver(): Promise<ReceivedMail[]> {
  const before = smtp.received.length;
  const transport = mailTransport(t.config);
  if (!transport) throw new Error("no SMTP configured");
  while ((await deliverPending(t.ctx, transport)) > 0);
  transport.close();
  return smtp.received.slice(before);
}

const ROUND = {
  title: `Remiss om samarbetet ${MARKER}`,
  deadline: DEADLINE,
  instructions: "Svara som Word-fil.",
  unitIds: ["sdn-sodermalm"],
};

/** A round of the secret case, sent to Södermalm, with the mail that carried its link. */
async function sentRound() {
  const { consultation } = await createConsultation(t.ctx, officer, caseId, {
    ...ROUND,
    officerId: officer.id,
  });
  await sendConsultation(t.ctx, officer, consultation.id);
  const mails = (await deliver()).filter((m) => m.to.includes(SODERMALM));
  const k = await getConsultation(t.ctx, consultation.id);
  const rid = allRecipients(k)[0]?.id ?? "";
  return { k, rid, mails };
}

const consultationRow = (id: string) =>
  t.ctx.db.selectFrom("consultations").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const recipientRow = (id: string) =>
  t.ctx.db.selectFrom("consultation_recipients").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("consultations are run by the owning unit", () => {
  it("refuses every step of another unit's officer with 403 and changes nothing; the own unit's officer runs them", async () => {
    const other = await apiAs(t, OTHER_OFFICER);
    const own = await apiAs(t, "handlaggare");
    const before = await auditCount(t);
    const create = await other("POST", "/consultations", { ...ROUND, officerId: officer.id, caseId });
    expect(create.statusCode).toBe(403);
    expect(await auditCount(t)).toBe(before);

    const draft = await own("POST", "/consultations", { ...ROUND, officerId: officer.id, caseId });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id as string;
    const rid = draft.json().recipients[0].id as string;
    const snapshot = async () => [await consultationRow(id), await recipientRow(rid), await auditCount(t)];

    let unchanged = await snapshot();
    expect((await other("POST", `/consultations/${id}/send`, {})).statusCode).toBe(403);
    expect(await snapshot()).toEqual(unchanged);
    expect((await own("POST", `/consultations/${id}/send`, {})).statusCode).toBe(200);

    unchanged = await snapshot();
    const refusals = [
      other("POST", `/consultations/${id}/recipients/${rid}/answer`, { text: "Vi tillstyrker." }),
      other("POST", `/consultations/${id}/recipients/${rid}/remind`, {}),
      other("POST", `/consultations/${id}/recipients/${rid}/extension/decision`, { decision: "refuse" }),
      other("POST", `/consultations/${id}/compilation`, {}),
      other("GET", `/consultations/${id}/compilation.docx`),
      other("POST", `/consultations/${id}/close`, {}),
    ];
    for (const res of await Promise.all(refusals)) expect(res.statusCode).toBe(403);
    expect(await snapshot()).toEqual(unchanged);

    // The own unit's officer registers the answer that came by post, compiles and closes.
    expect(
      (await own("POST", `/consultations/${id}/recipients/${rid}/answer`, { text: "Vi tillstyrker." }))
        .statusCode,
    ).toBe(201);
    expect(
      (await other("POST", `/consultations/${id}/recipients/${rid}/assessment`, { position: "supports" }))
        .statusCode,
    ).toBe(403);
    expect(
      (await own("POST", `/consultations/${id}/recipients/${rid}/assessment`, { position: "supports" }))
        .statusCode,
    ).toBe(200);
    expect((await own("GET", `/consultations/${id}/compilation.docx`)).statusCode).toBe(200);
    expect((await own("POST", `/consultations/${id}/compilation`, {})).statusCode).toBe(201);
    expect((await own("POST", `/consultations/${id}/close`, {})).statusCode).toBe(200);
    expect((await consultationRow(id)).status).toBe("closed");
  });

  it("offers another unit's officer no steps on the round's page, and refuses its forms", async () => {
    const { k } = await sentRound();
    const browser = new TestClient(t.app);
    await browser.login(OTHER_OFFICER, OTHER_OFFICER_PASSWORD);
    const page = await browser.get(`/remisser/${k.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/remisser/${k.id}/avsluta`);
    expect(page.body).not.toContain(`/remisser/${k.id}/sammanstallning`);
    expect((await browser.get(`/remisser/${k.id}/sammanstallning`)).statusCode).toBe(403);
    expect((await browser.get(`/arenden/${caseId}/remisser/ny`)).statusCode).toBe(403);
    const before = await consultationRow(k.id);
    expect((await browser.post(`/remisser/${k.id}/avsluta`)).statusCode).toBe(403);
    expect(await consultationRow(k.id)).toEqual(before);

    const own = new TestClient(t.app);
    await own.login("handlaggare");
    expect((await own.get(`/remisser/${k.id}`)).body).toContain(`/remisser/${k.id}/avsluta`);
  });
});

describe("a remissinstans sees a secret case's consultation as the public register shows it", () => {
  it("in its mails, its inbox, its answer pages and its receipt", async () => {
    const { k, rid, mails } = await sentRound();
    expect(mails).toHaveLength(1);
    const mail = mails[0] as ReceivedMail;
    expect(header(mail.raw, "subject")).toContain(PUBLIC_TITLE);
    expect(mail.raw).not.toContain(MARKER);
    const secret = /\/svar\/([A-Za-z0-9_-]{43})/.exec(bodyText(mail.raw))?.[1] ?? "";

    const body = new TestClient(t.app);
    await body.login("remissinstans");
    const inbox = await body.get("/mina-remisser");
    expect(inbox.body).toContain(PUBLIC_TITLE);
    expect(inbox.body).not.toContain(MARKER);
    const answerPage = await body.get(`/remissvar/${rid}`);
    expect(answerPage.statusCode).toBe(200);
    expect(answerPage.body).toContain(PUBLIC_TITLE);
    expect(answerPage.body).not.toContain(MARKER);
    const byLink = await new TestClient(t.app).get(`/svar/${secret}`);
    expect(byLink.statusCode).toBe(200);
    expect(byLink.body).not.toContain(MARKER);
    expect((await body.get(`/remisser/${k.id}`)).body).not.toContain(MARKER);

    // The body answers through the page's own forms, as a signed-in officer would: every form
    // (answer, more time, decline) and material link points at routes that exist.
    const actions = [...answerPage.body.matchAll(/action="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(actions).toContain(`/remissvar/${rid}/svar`);
    expect(actions).toContain(`/remissvar/${rid}/anstand`);
    expect(actions).toContain(`/remissvar/${rid}/avstar`);
    const answered = await body.post(`/remissvar/${rid}/svar`, { text: "Södermalm tillstyrker." });
    expect(answered.statusCode).toBe(303);
    const receipts = (await deliver()).filter((m) => m.to.includes(SODERMALM));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]?.raw).not.toContain(MARKER);
    // The answer's registered description names the round by its public title too.
    const doc = await t.ctx.db
      .selectFrom("documents")
      .select("description")
      .where("id", "=", (await recipientRow(rid)).answer_document_id ?? "")
      .executeTakeFirstOrThrow();
    expect(doc.description).toContain(PUBLIC_TITLE);
    expect(doc.description).not.toContain(MARKER);

    // The case's own officer sees the round's real title.
    const own = new TestClient(t.app);
    await own.login("handlaggare");
    expect((await own.get(`/remisser/${k.id}`)).body).toContain(MARKER);
    expect(diaryNumber).not.toBe("");
  });
});

/** An engagement of the culture administration with nobody of the tests as its officer. */
async function cultureEngagement(title: string) {
  const admin = await demoActor(t, "admin");
  const { engagement } = await registerEngagement(t.ctx, admin, {
    type: "membership",
    title,
    unitId: OTHER_UNIT,
    officerId: admin.id,
    scope: "service",
    directions: ["samverkan"],
    purpose: "Utbyte med andra städers kulturförvaltningar.",
    counterparts: [{ kind: "network", name: "Påhittat kulturnätverk", country: "DE" }],
    caseDiaryNumber: diaryNumber,
    startDate: "2020-01-01",
    lastReviewedOn: "2022-04-01",
  });
  return engagement;
}

const engagementRow = (id: string) =>
  t.ctx.db.selectFrom("engagements").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("engagements are changed by their own unit", () => {
  it("refuses another unit's handläggare (403, nothing changed) and lets the unit's contact person and its officer change it", async () => {
    const e = await cultureEngagement("Medlemskap i kulturnätverket");
    const other = await apiAs(t, "handlaggare");
    const before = [await engagementRow(e.id), await auditCount(t)];
    const patch = await other("PATCH", `/engagements/${e.id}`, { purpose: "Ändrat av fel enhet." });
    expect(patch.statusCode).toBe(403);
    expect([await engagementRow(e.id), await auditCount(t)]).toEqual(before);
    const form = new TestClient(t.app);
    await form.login("handlaggare");
    expect((await form.get(`/engagemang/${e.id}`)).body).not.toContain(`/engagemang/${e.id}/andra`);
    expect((await form.get(`/engagemang/${e.id}/andra`)).statusCode).toBe(403);

    const contact = await apiAs(t, "kontaktperson");
    expect(
      (await contact("PATCH", `/engagements/${e.id}`, { purpose: "Ändrat av kulturen." })).statusCode,
    ).toBe(200);
    const officerOfOther = await apiAs(t, OTHER_OFFICER);
    expect((await officerOfOther("PATCH", `/engagements/${e.id}`, { theme: "Bibliotek" })).statusCode).toBe(
      200,
    );
    expect(await getEngagement(t.ctx, e.id)).toMatchObject({
      purpose: "Ändrat av kulturen.",
      theme: "Bibliotek",
    });
  });

  it("lets a handläggare register engagements for their own unit, or for another as its officer", async () => {
    const admin = await demoActor(t, "admin");
    const other = await apiAs(t, "handlaggare");
    const membership = (officerId: string) => ({
      type: "membership",
      title: "Medlemskap för kulturförvaltningen",
      unitId: OTHER_UNIT,
      officerId,
      scope: "service",
      directions: ["samverkan"],
      purpose: "Utbyte med andra städers kulturförvaltningar.",
      counterparts: [{ kind: "network", name: "Nätverket", country: "DE" }],
      caseDiaryNumber: diaryNumber,
      startDate: "2026-01-01",
    });
    const before = await auditCount(t);
    const refused = await other("POST", "/engagements", membership(admin.id));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toContainEqual(expect.objectContaining({ field: "unitId" }));
    expect(await auditCount(t)).toBe(before);
    expect((await other("POST", "/engagements", membership(officer.id))).statusCode).toBe(201);
  });

  it("refuses a review of another unit's engagement (403, nothing changed)", async () => {
    const e = await cultureEngagement("Medlemskap att se över");
    await recordDecision(t.ctx, await demoActor(t, "beslutsfattare"), e.id, {
      decidedOn: "2020-01-15",
      minutesParagraph: "§ 7",
      outcome: "approved",
    });
    const review = { reviewedOn: "2026-03-02", outcome: "continue", note: "Nätverket ger fortsatt utbyte." };
    const other = await apiAs(t, "handlaggare");
    const before = [await engagementRow(e.id), await auditCount(t)];
    expect((await other("POST", `/engagements/${e.id}/reviews`, review)).statusCode).toBe(403);
    expect([await engagementRow(e.id), await auditCount(t)]).toEqual(before);
    const own = await apiAs(t, OTHER_OFFICER);
    expect((await own("POST", `/engagements/${e.id}/reviews`, review)).statusCode).toBe(201);
  });
});

const VISIT = {
  organisation: "Helsingin kaupunki, kulttuuri",
  country: "FI",
  contactName: "Aino Keksitty",
  contactEmail: "aino.keksitty@example.fi",
  visitFrom: "2026-05-11",
  visitTo: "2026-05-12",
  participants: 8,
  purpose: "Utbyte om bibliotek.",
  politicalLevel: "normal",
};
const ASSESSMENT = {
  mutualLearning: true,
  newPerspectives: true,
  serviceDevelopment: false,
  raisedCompetence: false,
  cityImage: true,
  residentTies: false,
  prioritised: false,
  assessmentNote: "Ömsesidigt lärande.",
};

describe("visit requests are handled by the unit they are routed to", () => {
  it("refuses the contact person of unit A to assess or decline unit B's request (403, nothing changed)", async () => {
    const toB = await receiveVisitRequest(t.ctx, "public", { ...VISIT, unitIds: ["forv-miljo"] });
    const contact = await apiAs(t, "kontaktperson");
    const before = [await getVisitRequest(t.ctx, toB.id), await auditCount(t)];
    expect((await contact("POST", `/visit-requests/${toB.id}/assessment`, ASSESSMENT)).statusCode).toBe(403);
    const decline = { outcome: "decline", outcomeNote: "Nej tack.", caseDiaryNumber: diaryNumber };
    expect((await contact("POST", `/visit-requests/${toB.id}/decision`, decline)).statusCode).toBe(403);
    expect([await getVisitRequest(t.ctx, toB.id), await auditCount(t)]).toEqual(before);
    const browser = new TestClient(t.app);
    await browser.login("kontaktperson");
    expect((await browser.get(`/engagemang/besok/${toB.id}`)).body).not.toContain("/bedomning");

    const toA = await receiveVisitRequest(t.ctx, "public", { ...VISIT, unitIds: [OTHER_UNIT] });
    expect((await contact("POST", `/visit-requests/${toA.id}/assessment`, ASSESSMENT)).statusCode).toBe(200);
    expect((await getVisitRequest(t.ctx, toA.id)).status).toBe("assessed");
    expect((await browser.get(`/engagemang/besok/${toA.id}`)).body).toContain("/bedomning");
  });

  it("lets a case officer assess any unit's request (domain.md §1: officers assess visit requests)", async () => {
    const toOther = await receiveVisitRequest(t.ctx, "public", { ...VISIT, unitIds: [OTHER_UNIT] });
    const own = await apiAs(t, "handlaggare");
    expect((await own("POST", `/visit-requests/${toOther.id}/assessment`, ASSESSMENT)).statusCode).toBe(200);
    expect((await getVisitRequest(t.ctx, toOther.id)).status).toBe("assessed");
  });

  it("lets an officer register a visit's letter only in a case of their own unit (422 naming the case field, nothing written)", async () => {
    const v = await receiveVisitRequest(t.ctx, "public", { ...VISIT, unitIds: [OTHER_UNIT] });
    const own = await apiAs(t, "handlaggare");
    expect((await own("POST", `/visit-requests/${v.id}/assessment`, ASSESSMENT)).statusCode).toBe(200);
    const decline = { outcome: "decline", outcomeNote: "Tyvärr inte i år.", caseDiaryNumber: diaryNumber };
    const other = await apiAs(t, OTHER_OFFICER);
    const before = [await getVisitRequest(t.ctx, v.id), await auditCount(t)];
    const refused = await other("POST", `/visit-requests/${v.id}/decision`, decline);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.fields).toContainEqual(expect.objectContaining({ field: "caseDiaryNumber" }));
    expect([await getVisitRequest(t.ctx, v.id), await auditCount(t)]).toEqual(before);
    expect((await own("POST", `/visit-requests/${v.id}/decision`, decline)).statusCode).toBe(200);
    expect((await getVisitRequest(t.ctx, v.id)).status).toBe("decided");
  });

  it("never sends a document with secret parts as consultation material", async () => {
    const secret = await registerDocument(
      t.ctx,
      officer,
      caseId,
      {
        direction: "incoming",
        party: `Uppgiftslämnare ${MARKER}`,
        publicParty: "Enskild",
        description: `Skrivelse ${MARKER}`,
        publicDescription: "Skrivelse från enskild",
        secrecyProvision: "21 kap. 3 § OSL",
        secrecyMarkedOn: "2026-03-09",
        secrecyAuthority: "Kommunstyrelsen",
      },
      { fileName: "skrivelse.txt", bytes: Buffer.from(`Hemlig text ${MARKER}`, "utf8") },
    );
    const before = await t.ctx.db.selectFrom("consultations").select("id").execute();
    await expect(
      createConsultation(t.ctx, officer, caseId, {
        ...ROUND,
        officerId: officer.id,
        documentIds: [secret.id],
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(await t.ctx.db.selectFrom("consultations").select("id").execute()).toEqual(before);
    const browser = new TestClient(t.app);
    await browser.login("handlaggare");
    const form = await browser.get(`/arenden/${caseId}/remisser/ny`);
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain(secret.id);
  });
});
