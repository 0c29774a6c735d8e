import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { openCase } from "../src/registry/cases.service.ts";
import { registerDocument } from "../src/registry/documents.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { makePdf } from "./helpers/documents.ts";
import { apiAs } from "./helpers/intl.ts";
import { bodyText, header, type ReceivedMail, startSmtpServer } from "./helpers/smtp.ts";

const MONDAY = new Date("2026-03-09T08:00:00Z");

let t: TestApp;
let clock: ManualClock;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let officer: UserActor;
let classId = "";

beforeAll(async () => {
  clock = new ManualClock(MONDAY);
  smtp = await startSmtpServer();
  t = await buildTestApp({ clock, env: { KANSLI_SMTP_URL: smtp.url } });
  officer = await demoActor(t, "handlaggare");
  classId = await demoClassId(t, "2019", "1.4");
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

/** Sends what waits in the outbox to the test's SMTP server; returns the messages that arrived. */
async function deliver(): Promise<ReceivedMail[]> {
  const before = smtp.received.length;
  const transport = mailTransport(t.config);
  if (!transport) throw new Error("no SMTP configured");
  while ((await deliverPending(t.ctx, transport)) > 0);
  transport.close();
  // The demo's open rounds remind the city's own units meanwhile; this test follows the requesters' mail.
  return smtp.received.slice(before).filter((m) => !m.to.every((a) => a.endsWith("@stockholm.example")));
}

/** A registered document with a PDF file, public or marked secret. */
async function requestableDocument(secret = false) {
  const c = await openCase(t.ctx, officer, {
    registryId: "ks",
    title: "Inbjudan från Oslo",
    classId,
    unitId: "slk",
  });
  const d = await registerDocument(
    t.ctx,
    officer,
    c.id,
    {
      direction: "incoming",
      party: "Oslo kommune",
      description: secret ? "Säkerhetsplan för besöket" : "Inbjudan till konferens",
      ...(secret
        ? {
            publicDescription: "Plan för besöket",
            secrecyProvision: "18 kap. 8 § OSL",
            secrecyMarkedOn: c.openedOn,
            secrecyAuthority: "Kommunstyrelsen",
          }
        : {}),
    },
    { fileName: "inbjudan.pdf", bytes: await makePdf(["Välkommen till Oslo"]) },
  );
  return { documentId: d.id, diaryNumber: c.diaryNumber };
}

/** Asks for a copy as the public does, without signing in; returns the receipt link and the request. */
async function ask(documentId: string, form: Record<string, string>) {
  const anon = new TestClient(t.app);
  const path = `/offentlig/handlingar/${documentId}/begar-kopia`;
  await anon.get(path);
  const sent = await anon.post(path, form);
  expect(sent.statusCode).toBe(303);
  const receipt = sent.headers.location as string;
  const row = await t.ctx.db
    .selectFrom("copy_requests")
    .selectAll()
    .where("id", "=", receipt.split("/").at(-1) as string)
    .executeTakeFirstOrThrow();
  return { anon, receipt, row };
}

/** The plain-text part of a message with attachments, headers included, for `bodyText`. */
const textPart = (raw: string): string =>
  raw.split(/\r?\n--/).find((part) => /^[^\r\n]*\r?\nContent-Type: text\/plain/i.test(part)) ?? "";

const caseDocuments = (caseId: string) =>
  t.ctx.db.selectFrom("documents").selectAll().where("case_id", "=", caseId).orderBy("created_at").execute();

const letterText = async (documentId: string) =>
  (
    await t.ctx.db
      .selectFrom("document_files")
      .select("text_content")
      .where("document_id", "=", documentId)
      .executeTakeFirstOrThrow()
  ).text_content ?? "";

async function registrator() {
  const clerk = new TestClient(t.app);
  await clerk.login("registrator");
  return clerk;
}

describe("copy requests are registered as they arrive", () => {
  it("opens a case for the request with the request as an incoming document, and the receipt shows its number", async () => {
    clock.set(MONDAY);
    const { documentId, diaryNumber } = await requestableDocument();
    const { anon, receipt, row } = await ask(documentId, {
      delivery: "paper",
      postalAddress: "Box 1, 111 11 Stockholm",
      message: "Gärna i dag",
    });
    expect(row).toMatchObject({ status: "new", requester_name: null, email: null });
    const requestCase = await t.ctx.db
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", row.request_case_id as string)
      .executeTakeFirstOrThrow();
    expect(requestCase.title).toBe(`Begäran om allmän handling i ${diaryNumber}`);
    expect(requestCase.registry_id).toBe("ks");
    expect(requestCase.status).toBe("open");
    const [request] = await caseDocuments(requestCase.id);
    expect(request).toMatchObject({
      id: row.request_document_id,
      direction: "incoming",
      status: "registered",
      party: "Anonym",
      description: "Begäran om kopia av handling: Inbjudan till konferens",
      document_date: "2026-03-09",
    });
    expect(await letterText(request?.id as string)).toContain("Gärna i dag");

    const page = await anon.get(receipt);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(requestCase.diary_number);
    expect(page.body).toContain("Begäran väntar på beslut.");
    // The audit trail records the request without the requester's details.
    const event = await t.ctx.db
      .selectFrom("audit_events")
      .selectAll()
      .where("subject_id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(event.action).toBe("copy_request.receive");
    expect(JSON.stringify(event)).not.toContain("Box 1");
  });

  it("files the request's case under a class in force even when the requested case's scheme has ended", async () => {
    clock.set(MONDAY);
    const strategyReport = await t.ctx.db
      .selectFrom("documents as d")
      .innerJoin("cases as c", "c.id", "d.case_id")
      .select("d.id")
      .where("c.diary_number", "=", "KS 171-482/2016")
      .where("d.status", "=", "registered")
      .executeTakeFirstOrThrow();
    const { row } = await ask(strategyReport.id, { delivery: "email", email: "arkiv@example.se" });
    const requestCase = await t.ctx.db
      .selectFrom("cases as c")
      .innerJoin("classes as k", "k.id", "c.class_id")
      .innerJoin("classification_schemes as s", "s.id", "k.scheme_id")
      .select(["s.version", "s.valid_to"])
      .where("c.id", "=", row.request_case_id as string)
      .executeTakeFirstOrThrow();
    expect(requestCase).toEqual({ version: "2019", valid_to: null });
  });
});

describe("a request is decided with a registered letter", () => {
  it("releases a copy by e-mail: the letter is registered and mailed with the copy attached", async () => {
    clock.set(MONDAY);
    const { documentId } = await requestableDocument();
    const { anon, receipt, row } = await ask(documentId, {
      requesterName: "Vera Nyfiken",
      delivery: "email",
      email: "vera@example.se",
    });
    clock.set(new Date("2026-03-10T11:30:00Z"));
    const clerk = await registrator();
    const decided = await clerk.post(`/begaranden/${row.id}/beslut`, {
      outcome: "sent",
      deliveredBy: "email",
    });
    expect(decided.statusCode).toBe(303);

    const [request, letter] = await caseDocuments(row.request_case_id as string);
    // The decision answers the request: signed off with it, and the request's case closed.
    expect(request).toMatchObject({
      direction: "incoming",
      signed_off_on: "2026-03-10",
      signoff_kind: "answered",
      signoff_reference: "Beslut om begäran om allmän handling: Handlingen har lämnats ut",
    });
    const requestCase = await t.ctx.db
      .selectFrom("cases")
      .select(["status", "closed_on"])
      .where("id", "=", row.request_case_id as string)
      .executeTakeFirstOrThrow();
    expect(requestCase).toEqual({ status: "closed", closed_on: "2026-03-10" });
    expect(letter).toMatchObject({
      direction: "outgoing",
      status: "registered",
      party: "Vera Nyfiken",
      document_type: "beslut",
      description: "Beslut om begäran om allmän handling: Handlingen har lämnats ut",
    });
    const words = await letterText(letter?.id as string);
    expect(words).toContain("Beslut: Handlingen lämnas ut.");
    expect(words).not.toContain("kammarrätten");

    const [mail, ...more] = await deliver();
    expect(more).toHaveLength(0);
    expect(mail?.to).toEqual(["vera@example.se"]);
    expect(header(mail?.raw ?? "", "subject")).toContain("Beslut om din begäran om allmän handling");
    expect(mail?.raw).toMatch(/filename="?beslut-KS-2026-\d+\.docx/);
    expect(mail?.raw).toMatch(/filename="?inbjudan\.pdf/);

    const page = await anon.get(receipt);
    expect(page.body).toContain("Beslut: Handlingen lämnas ut.");
    expect(page.body).not.toContain("kammarrätten");

    const list = await clerk.get("/begaranden?visa=handled");
    expect(list.body).toContain("Vera Nyfiken");
    expect(list.body).toContain("1 d 3 h");
    expect((await clerk.get("/begaranden")).body).not.toContain("Vera Nyfiken");
    const detail = await clerk.get(`/begaranden/${row.id}`);
    expect(detail.body).toContain("Begäran togs emot och registrerades");
    expect(detail.body).toContain("Beslut fattades");

    const again = await clerk.post(`/begaranden/${row.id}/beslut`, { outcome: "sent", deliveredBy: "email" });
    expect(again.statusCode).toBe(409);
  });

  it("releases with masking noted and an appeal notice; a paper request gets no mail", async () => {
    clock.set(MONDAY);
    const { documentId } = await requestableDocument();
    const { anon, receipt, row } = await ask(documentId, {
      delivery: "paper",
      postalAddress: "Box 2, Sthlm",
    });
    const clerk = await registrator();
    const decided = await clerk.post(`/begaranden/${row.id}/beslut`, {
      outcome: "partly_sent",
      deliveredBy: "post",
      provision: "21 kap. 3 § OSL",
      note: "Adressen på sidan 2",
    });
    expect(decided.statusCode).toBe(303);
    // A paper request is registered with its decision, at the same moment: found by type, not order.
    const letter = (await caseDocuments(row.request_case_id as string)).find(
      (d) => d.document_type === "beslut",
    );
    const words = await letterText(letter?.id as string);
    expect(words).toContain("Maskerat: Adressen på sidan 2");
    expect(words).toContain("21 kap. 3 § OSL");
    expect(words).toContain("kammarrätten");
    expect(await deliver()).toHaveLength(0);
    const page = await anon.get(receipt);
    expect(page.body).toContain("Hur man överklagar");
    expect(page.body).toContain("inom tre veckor");
  });

  it("mails a partial release with the masked copy it brings, registered in the request's case, never the original", async () => {
    clock.set(MONDAY);
    const { documentId } = await requestableDocument(true);
    const { row } = await ask(documentId, { delivery: "email", email: "maskerad@example.se" });
    const clerk = await registrator();
    await clerk.get(`/begaranden/${row.id}`);
    const decision = {
      outcome: "partly_sent",
      deliveredBy: "email",
      provision: "18 kap. 8 § OSL",
      note: "Avsnittet om larm",
    };
    const asMaskedCopy = (fileName: string) => `form-data; name="maskedCopy"; filename="${fileName}"`;
    const masked = {
      fileName: "maskerad.pdf",
      bytes: await makePdf(["Välkommen till [MASKERAT]"]),
      disposition: asMaskedCopy("maskerad.pdf"),
    };
    // By e-mail without the masked copy; and a masked copy with a full release: both refused.
    const without = await clerk.upload(`/begaranden/${row.id}/beslut`, decision);
    expect(without.statusCode).toBe(422);
    expect(without.body).toContain("Bifoga den maskerade kopian för att skicka den med e-post");
    const withFull = await clerk.upload(
      `/begaranden/${row.id}/beslut`,
      { outcome: "sent", deliveredBy: "post" },
      masked,
    );
    expect(withFull.statusCode).toBe(422);
    expect(withFull.body).toContain("En maskerad kopia hör bara till ett utlämnande med maskeringar");
    const notPdf = await clerk.upload(`/begaranden/${row.id}/beslut`, decision, {
      fileName: "maskerad.exe",
      bytes: Buffer.from("MZ\x90\x00"),
      disposition: asMaskedCopy("maskerad.exe"),
    });
    expect(notPdf.statusCode).toBe(422);
    expect(notPdf.body).toContain('href="#maskedCopy"');
    expect(await caseDocuments(row.request_case_id as string)).toHaveLength(1);
    expect(await deliver()).toHaveLength(0);

    const decided = await clerk.upload(`/begaranden/${row.id}/beslut`, decision, masked);
    expect(decided.statusCode).toBe(303);
    const [request, letter, copy] = await caseDocuments(row.request_case_id as string);
    expect(request?.signoff_kind).toBe("answered");
    expect(letter).toMatchObject({ direction: "outgoing", document_type: "beslut" });
    expect(copy).toMatchObject({ direction: "outgoing", document_type: "kopia", status: "registered" });
    expect(copy?.description).toBe("Maskerad kopia av handling: Plan för besöket");
    const [mail] = await deliver();
    expect(mail?.to).toEqual(["maskerad@example.se"]);
    expect(mail?.raw).toContain("maskerad.pdf");
    expect(mail?.raw).not.toContain("inbjudan.pdf");
  });

  it("refuses a secret document with its provision and mails the appeal notice", async () => {
    clock.set(MONDAY);
    const { documentId } = await requestableDocument(true);
    const { anon, receipt, row } = await ask(documentId, { delivery: "email", email: "anon@example.se" });
    const clerk = await registrator();
    const released = await clerk.post(`/begaranden/${row.id}/beslut`, {
      outcome: "sent",
      deliveredBy: "email",
    });
    expect(released.statusCode).toBe(422);
    expect(released.body).toContain(
      "är sekretessmarkerad (18 kap. 8 § OSL) och kan inte lämnas ut i sin helhet",
    );

    const refused = await clerk.post(`/begaranden/${row.id}/beslut`, {
      outcome: "refused",
      provision: "18 kap. 8 § OSL",
      note: "Planen beskriver säkerhetsåtgärder.",
    });
    expect(refused.statusCode).toBe(303);
    const [mail] = await deliver();
    const text = bodyText(textPart(mail?.raw ?? ""));
    expect(text).toContain("Beslut: Begäran avslås. Planen beskriver säkerhetsåtgärder. Skäl:");
    expect(text).toContain("18 kap. 8 § OSL");
    expect(text).toContain("Beslutet kan överklagas hos kammarrätten");
    expect(text).toContain("inom tre veckor");
    expect(text).toContain(receipt);
    // The secret file is not attached; the letter is.
    expect(mail?.raw).not.toContain("inbjudan.pdf");
    const page = await anon.get(receipt);
    expect(page.body).toContain("Beslut: Begäran avslås.");
    expect(page.body).toContain("kammarrätten");
    expect(page.body).not.toContain("Säkerhetsplan");
    const english = await new TestClient(t.app).get(receipt, { "accept-language": "en" });
    expect(english.body).toContain("Decision: The request is refused.");
    expect(english.body).toContain("The decision can be appealed to the administrative court of appeal");
  });
});

describe("a request received before requests were registered", () => {
  it("is registered, dated its arrival, when it is decided", async () => {
    clock.set(new Date("2026-03-12T10:00:00Z"));
    const { documentId } = await requestableDocument();
    const { row } = await ask(documentId, { delivery: "paper", postalAddress: "Box 4, Sthlm" });
    // As migration 0020 leaves an earlier request: no case, no request document.
    const earlier = { ...row, id: crypto.randomUUID(), received_at: "2026-03-02T09:00:00.000Z" };
    await t.ctx.db
      .insertInto("copy_requests")
      .values({ ...earlier, request_case_id: null, request_document_id: null })
      .execute();
    const clerk = await registrator();
    const decided = await clerk.post(`/begaranden/${earlier.id}/beslut`, {
      outcome: "sent",
      deliveredBy: "post",
    });
    expect(decided.statusCode).toBe(303);
    const after = await t.ctx.db
      .selectFrom("copy_requests")
      .selectAll()
      .where("id", "=", earlier.id)
      .executeTakeFirstOrThrow();
    expect(after.request_case_id).not.toBeNull();
    expect(after.request_case_id).not.toBe(row.request_case_id);
    const [request, letter] = await caseDocuments(after.request_case_id as string);
    expect(request).toMatchObject({
      id: after.request_document_id,
      document_date: "2026-03-02",
      signoff_kind: "answered",
    });
    expect(letter).toMatchObject({ id: after.decision_document_id, direction: "outgoing" });
  });
});

describe("bad decisions and the wrong people change nothing", () => {
  it("reports every problem of a decision at once in Swedish and writes nothing", async () => {
    clock.set(MONDAY);
    const { documentId } = await requestableDocument();
    const { row } = await ask(documentId, { delivery: "paper", postalAddress: "Box 3, Sthlm" });
    const clerk = await registrator();
    const before = (await caseDocuments(row.request_case_id as string)).length;
    const refused = await clerk.post(`/begaranden/${row.id}/beslut`, { outcome: "refused" });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain("Välj den sekretessbestämmelse beslutet grundas på");
    expect(refused.body).toContain("Skriv vad som maskerats eller inte lämnas ut");
    const byMail = await clerk.post(`/begaranden/${row.id}/beslut`, {
      outcome: "sent",
      deliveredBy: "email",
    });
    expect(byMail.statusCode).toBe(422);
    expect(byMail.body).toContain("Den sökande har inte lämnat någon e-postadress");
    const unknown = await clerk.post(`/begaranden/${row.id}/beslut`, {
      outcome: "partly_sent",
      deliveredBy: "post",
      provision: "99 kap. 1 § OSL",
      note: "Sidan 2",
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.body).toContain("Välj en sekretessbestämmelse i listan");
    const noChoice = await clerk.post(`/begaranden/${row.id}/beslut`, {});
    expect(noChoice.statusCode).toBe(422);
    expect(noChoice.body).toContain("Välj ett av alternativen");

    expect(await caseDocuments(row.request_case_id as string)).toHaveLength(before);
    const after = await t.ctx.db
      .selectFrom("copy_requests")
      .select(["status", "outcome"])
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ status: "new", outcome: null });
    expect(await deliver()).toHaveLength(0);
  });

  it("lets only registry staff see and decide requests", async () => {
    clock.set(MONDAY);
    const { documentId } = await requestableDocument();
    const { anon, row } = await ask(documentId, { delivery: "email", email: "x@example.se" });
    const form = { outcome: "sent", deliveredBy: "email" };
    const reader = new TestClient(t.app);
    await reader.login("lasare");
    expect((await reader.get(`/begaranden/${row.id}`)).statusCode).toBe(403);
    expect((await reader.post(`/begaranden/${row.id}/beslut`, form)).statusCode).toBe(403);
    const stranger = await anon.post(`/begaranden/${row.id}/beslut`, form);
    expect([302, 303, 401, 403]).toContain(stranger.statusCode);
    const after = await t.ctx.db
      .selectFrom("copy_requests")
      .select("status")
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe("new");
  });
});

describe("requests over the API", () => {
  it("lists a waiting request, decides it as the page does, and refuses a bad decision and the wrong people", async () => {
    clock.set(MONDAY);
    const { documentId, diaryNumber } = await requestableDocument(true);
    const { row } = await ask(documentId, {
      delivery: "email",
      email: "api@example.se",
      requesterName: "Ada Api",
    });
    const api = await apiAs(t, "registrator");

    const waiting = await api("GET", "/copy-requests");
    expect(waiting.statusCode).toBe(200);
    const listed = waiting.json().items.find((r: { id: string }) => r.id === row.id);
    expect(listed).toMatchObject({
      status: "new",
      outcome: null,
      email: "api@example.se",
      case: { diaryNumber },
      document: { id: documentId, secrecyProvision: "18 kap. 8 § OSL" },
    });
    expect(listed.requestNumber).toMatch(/^KS \d{4}\/\d+$/);

    // Every problem at once, in the API's field names; nothing written.
    const bad = await api("POST", `/copy-requests/${row.id}/decision`, {
      outcome: "sent",
      deliveredBy: "email",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.map((e: { field: string }) => e.field)).toContain("outcome");
    const unknownField = await api("POST", `/copy-requests/${row.id}/decision`, {
      outcome: "refused",
      secret: 1,
    });
    expect(unknownField.statusCode).toBe(422);
    expect((await api("GET", `/copy-requests/${row.id}`)).json()).toMatchObject({ status: "new" });

    // Readers may neither see nor decide.
    const reader = await apiAs(t, "lasare");
    expect((await reader("GET", "/copy-requests")).statusCode).toBe(403);
    const readerDecides = await reader("POST", `/copy-requests/${row.id}/decision`, {
      outcome: "refused",
      provision: "18 kap. 8 § OSL",
      note: "x",
    });
    expect(readerDecides.statusCode).toBe(403);

    const decided = await api("POST", `/copy-requests/${row.id}/decision`, {
      outcome: "refused",
      provision: "18 kap. 8 § OSL",
      note: "Planen beskriver säkerhetsåtgärder.",
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({
      status: "handled",
      outcome: "refused",
      provision: "18 kap. 8 § OSL",
      decidedBy: expect.any(String),
      decisionDocumentId: expect.any(String),
    });
    const [mail] = await deliver();
    expect(bodyText(textPart(mail?.raw ?? ""))).toContain("kammarrätten");
    const again = await api("POST", `/copy-requests/${row.id}/decision`, {
      outcome: "refused",
      provision: "18 kap. 8 § OSL",
      note: "Igen.",
    });
    expect(again.statusCode).toBe(409);
    const handled = await api("GET", "/copy-requests?status=handled");
    expect(handled.json().items.map((r: { id: string }) => r.id)).toContain(row.id);
    expect((await api("GET", "/copy-requests?status=avslutad")).statusCode).toBe(422);
  });
});
