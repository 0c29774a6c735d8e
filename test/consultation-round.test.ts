import mammoth from "mammoth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import {
  allRecipients,
  closeConsultation,
  createConsultation,
  getConsultation,
  runDueReminders,
  sendConsultation,
} from "../src/consultation/index.ts";
import { ALLOWED_ACTIONS } from "../src/consultation/round/consultation.model.ts";
import { dueReminders } from "../src/consultation/round/reminder/reminder.rules.ts";
import { recipientActions, trackingState } from "../src/consultation/round/tracking.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";
import { makeDocx } from "./helpers/documents.ts";
import { bodyText, header, type ReceivedMail, startSmtpServer } from "./helpers/smtp.ts";

/** Monday 9 March 2026, 10:00 in Stockholm; the rounds' deadline is eight weeks on, Monday 4 May. */
const MONDAY = new Date("2026-03-09T09:00:00Z");
const DEADLINE = "2026-05-04";
const at = (date: string) => new Date(`${date}T09:00:00Z`);
const SODERMALM = "sdn.sodermalm@stockholm.example";
const KULTUR = "fn.kultur@stockholm.example";
const REGION = "registrator@region.example";

let t: TestApp;
let clock: ManualClock;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let officer: UserActor;
let caseId = "";
let diaryNumber = "";
let materialId = "";
let rounds = 0;

beforeAll(async () => {
  clock = new ManualClock(MONDAY);
  smtp = await startSmtpServer();
  t = await buildTestApp({ clock, env: { KANSLI_SMTP_URL: smtp.url } });
  officer = await demoActor(t, "handlaggare");
  const strategy = await t.ctx.db
    .selectFrom("cases")
    .select(["id", "diary_number"])
    .where("diary_number", "=", "KS 171-482/2016")
    .executeTakeFirstOrThrow();
  caseId = strategy.id;
  diaryNumber = strategy.diary_number;
  materialId = (
    await t.ctx.db
      .selectFrom("documents")
      .select("id")
      .where("case_id", "=", caseId)
      .where("document_type", "=", "bilaga")
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});
beforeEach(() => {
  clock.set(MONDAY);
});

/** Sends what waits in the outbox to the test's SMTP server; returns the messages that arrived. */
async function deliver(): Promise<ReceivedMail[]> {
  const before = smtp.received.length;
  const transport = mailTransport(t.config);
  if (!transport) throw new Error("no SMTP configured");
  while ((await deliverPending(t.ctx, transport)) > 0);
  transport.close();
  return smtp.received.slice(before);
}

const linkIn = (mail: ReceivedMail) => /\/svar\/([A-Za-z0-9_-]{43})/.exec(bodyText(mail.raw))?.[1] ?? "";

/** A round sent to Södermalm, the culture committee and an external body, with each body's link. */
async function sentRound() {
  rounds += 1;
  const title = `Remiss av strategin, omgång ${rounds}`;
  const { consultation } = await createConsultation(t.ctx, officer, caseId, {
    title,
    deadline: DEADLINE,
    instructions: "Svara som Word-fil.",
    officerId: officer.id,
    unitIds: ["sdn-sodermalm", "fn-kultur"],
    externalBodies: "Region Exempel, registrator@region.example",
    documentIds: [materialId],
  });
  await sendConsultation(t.ctx, officer, consultation.id);
  const mails = (await deliver()).filter((m) => header(m.raw, "subject").includes(title));
  const links = Object.fromEntries(mails.map((m) => [m.to[0] ?? "", linkIn(m)]));
  const k = await getConsultation(t.ctx, consultation.id);
  const rid = (email: string) => allRecipients(k).find((r) => r.email === email)?.id ?? "";
  return { k, title, mails, links, rid };
}

const documentCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom("documents")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("case_id", "=", caseId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const stateOf = async (consultationId: string, email: string) =>
  allRecipients(await getConsultation(t.ctx, consultationId)).find((r) => r.email === email);

/** A body on its answer page, reached by the personal link from its e-mail. */
async function bodyWithLink(secret: string): Promise<TestClient> {
  const body = new TestClient(t.app);
  const page = await body.get(`/svar/${secret}`);
  expect(page.statusCode).toBe(200);
  return body;
}

describe("the workflow as data", () => {
  it("says which steps each status allows, and a closed round allows only the officer's assessment", () => {
    expect(ALLOWED_ACTIONS).toEqual({
      draft: ["edit", "discard", "send"],
      sent: ["remind", "invite", "compile", "close"],
      closed: ["compile"],
      discarded: [],
    });
    expect(recipientActions("sent", "opened")).toEqual(["answer", "decline", "ask_extension", "remind"]);
    expect(recipientActions("sent", "extension_asked")).toContain("decide_extension");
    expect(recipientActions("sent", "answered_late")).toEqual(["assess"]);
    expect(recipientActions("closed", "opened")).toEqual([]);
    expect(recipientActions("closed", "answered_on_time")).toEqual(["assess"]);
  });

  it("derives a body's state from the facts: on time by its own deadline, late, no answer, and no answer once closed", () => {
    const facts = {
      sendState: "sent" as const,
      openedAt: null,
      answeredOn: null,
      declinedOn: null,
      ownDeadline: null,
      extensionAsked: false,
    };
    expect(trackingState(facts, DEADLINE, "2026-04-01", false)).toBe("sent");
    expect(trackingState(facts, DEADLINE, "2026-05-05", false)).toBe("no_answer");
    expect(trackingState({ ...facts, answeredOn: "2026-05-04" }, DEADLINE, "2026-06-01", false)).toBe(
      "answered_on_time",
    );
    expect(trackingState({ ...facts, answeredOn: "2026-05-05" }, DEADLINE, "2026-06-01", false)).toBe(
      "answered_late",
    );
    const extended = { ...facts, ownDeadline: "2026-05-29", answeredOn: "2026-05-20" };
    expect(trackingState(extended, DEADLINE, "2026-06-01", false)).toBe("answered_on_time");
    expect(trackingState({ ...facts, ownDeadline: "2026-05-29" }, DEADLINE, "2026-05-10", false)).toBe(
      "extension_granted",
    );
    // Once the round is closed, a body that neither answered nor declined has no answer, even
    // before its deadline or while its request for more time waits.
    expect(trackingState(facts, DEADLINE, "2026-04-01", true)).toBe("no_answer");
    expect(trackingState({ ...facts, extensionAsked: true }, DEADLINE, "2026-04-01", true)).toBe("no_answer");
    expect(trackingState({ ...facts, declinedOn: "2026-03-20" }, DEADLINE, "2026-04-01", true)).toBe(
      "declined",
    );
  });
});

describe("sending", () => {
  it("registers the cover letter and distribution list as outgoing Word documents and mails each body a personal link", async () => {
    const before = await documentCount();
    const { k, mails, links } = await sentRound();
    expect(k.status).toBe("sent");
    expect(k.sentOn).toBe("2026-03-09");
    expect(await documentCount()).toBe(before + 2);

    const [missiv, list] = await Promise.all(
      [k.missivDocumentId, k.listDocumentId].map((id) =>
        t.ctx.db
          .selectFrom("documents")
          .selectAll()
          .where("id", "=", id ?? "")
          .executeTakeFirstOrThrow(),
      ),
    );
    expect([missiv?.direction, missiv?.status, missiv?.document_type]).toEqual([
      "outgoing",
      "registered",
      "missiv",
    ]);
    expect(list?.document_type).toBe("remitteringsmapp");
    const listFile = await t.ctx.db
      .selectFrom("document_files")
      .selectAll()
      .where("document_id", "=", list?.id ?? "")
      .executeTakeFirstOrThrow();
    const listText = (await mammoth.extractRawText({ buffer: await t.ctx.files.get(listFile.sha256) })).value;
    expect(listText).toContain("Stadsdelsnämnder (1)");
    expect(listText).toContain("Södermalms stadsdelsnämnd");
    expect(listText).toContain("Region Exempel");

    expect(mails.map((m) => m.to[0]).sort()).toEqual([KULTUR, REGION, SODERMALM].sort());
    for (const m of mails) {
      expect(header(m.raw, "subject")).toContain(diaryNumber);
      expect(bodyText(m.raw)).toContain("2026-05-04");
    }
    const secrets = Object.values(links);
    expect(new Set(secrets).size).toBe(3);
    // Only the secret's hash is stored: the database alone opens no answer page.
    const stored = await t.ctx.db.selectFrom("consultation_recipients").select("token_hash").execute();
    for (const s of secrets) expect(stored.map((r) => r.token_hash)).not.toContain(s);
    expect(allRecipients(k).map((r) => r.state)).toEqual(["sent", "sent", "sent"]);
  });

  it("refuses a second send with 409 naming the allowed steps, and writes nothing", async () => {
    const { k } = await sentRound();
    const before = await documentCount();
    const officerToken = await tokenFor("handlaggare");
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/consultations/${k.id}/send`,
      headers: { authorization: `Bearer ${officerToken}` },
      payload: {},
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.allowed).toEqual(["remind", "invite", "compile", "close"]);
    expect(res.json().error.fields[0].message).toBe("Remissen är redan skickad.");
    expect(await documentCount()).toBe(before);
    expect(await deliver()).toEqual([]);
  });
});

describe("answering", () => {
  it("registers a Word answer through the link as an incoming document of the case, with a receipt, public only once closed", async () => {
    const { k, title, links } = await sentRound();
    clock.set(at("2026-04-20"));
    const body = await bodyWithLink(links[SODERMALM] ?? "");
    expect((await stateOf(k.id, SODERMALM))?.state).toBe("opened");
    const answer = await makeDocx([
      "Södermalm tillstyrker strategin och vill se mer samverkan kring idrott.",
    ]);
    const res = await body.upload(
      `/svar/${links[SODERMALM]}/svar`,
      {},
      { fileName: "yttrande.docx", bytes: answer },
    );
    expect(res.statusCode).toBe(303);

    const receipt = await body.get(`/svar/${links[SODERMALM]}`);
    expect(receipt.body).toContain("Mottagningsbevis");
    expect(receipt.body).toContain("Ert svar kom in 2026-04-20");
    const r = await stateOf(k.id, SODERMALM);
    expect(r?.state).toBe("answered_on_time");
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", r?.answerDocumentId ?? "")
      .executeTakeFirstOrThrow();
    expect([doc.direction, doc.status, doc.document_date, doc.party, doc.case_id]).toEqual([
      "incoming",
      "registered",
      "2026-04-20",
      "Södermalms stadsdelsnämnd",
      caseId,
    ]);
    expect(doc.description).toContain(diaryNumber);
    const mails = await deliver();
    expect(
      mails.map((m) => [m.to[0], header(m.raw, "subject").startsWith(`${diaryNumber} Mottagningsbevis`)]),
    ).toEqual([[SODERMALM, true]]);

    const publicCase = `/offentlig/arenden/${encodeURIComponent(diaryNumber)}`;
    const visitor = new TestClient(t.app);
    const shown = `Remissvar från Södermalms stadsdelsnämnd: ${title}`;
    expect((await visitor.get(publicCase)).body).not.toContain(shown);
    expect((await visitor.get(`/offentlig/remisser/${k.id}`)).statusCode).toBe(404);
    await closeConsultation(t.ctx, officer, k.id);
    expect((await visitor.get(publicCase)).body).toContain(shown);
    const round = await visitor.get(`/offentlig/remisser/${k.id}`);
    expect(round.body).toContain("Svarat i tid");
    expect(round.body).toContain("Ärendet är inte avgjort ännu.");
  });

  it("takes an answer written in the form, and refuses both or neither with every error at once", async () => {
    const { k, links } = await sentRound();
    const body = await bodyWithLink(links[REGION] ?? "");
    const before = await documentCount();
    const neither = await body.upload(`/svar/${links[REGION]}/svar`, { text: "" }, null);
    expect(neither.statusCode).toBe(422);
    expect(neither.body).toContain("Ladda upp svaret som fil eller skriv det i rutan");
    const wrongType = await body.upload(
      `/svar/${links[REGION]}/svar`,
      { text: "Vi tillstyrker." },
      { fileName: "svar.png", bytes: Buffer.from("not an image") },
    );
    expect(wrongType.statusCode).toBe(422);
    expect(wrongType.body).toContain("Word-, PDF- eller ODT-fil");
    expect(wrongType.body).toContain("inte båda");
    expect(await documentCount()).toBe(before);

    const ok = await body.upload(
      `/svar/${links[REGION]}/svar`,
      { text: "Regionen tillstyrker förslaget i sin helhet." },
      null,
    );
    expect(ok.statusCode).toBe(303);
    const r = await stateOf(k.id, REGION);
    expect(r?.state).toBe("answered_on_time");
    const file = await t.ctx.db
      .selectFrom("document_files")
      .selectAll()
      .where("document_id", "=", r?.answerDocumentId ?? "")
      .executeTakeFirstOrThrow();
    expect(file.file_name).toBe("remissvar.docx");
    expect(file.text_content).toContain("Regionen tillstyrker förslaget i sin helhet.");
  });

  it("refuses a forged link and an expired one with a clear message, changing nothing", async () => {
    const { k, links } = await sentRound();
    const before = await documentCount();
    const stranger = new TestClient(t.app);
    const forged = await stranger.get(`/svar/${"A".repeat(43)}`);
    expect(forged.statusCode).toBe(404);
    expect(forged.body).toContain("Länken är ogiltig");
    await stranger.get("/offentlig");
    const forgedUpload = await stranger.upload(
      `/svar/${"A".repeat(43)}/svar`,
      {},
      { fileName: "svar.docx", bytes: await makeDocx(["Falskt svar"]) },
    );
    expect(forgedUpload.statusCode).toBe(404);

    clock.set(at("2026-06-04"));
    const body = new TestClient(t.app);
    const expired = await body.get(`/svar/${links[KULTUR]}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain("Länken gick ut 2026-06-03");
    const late = await body.post(`/svar/${links[KULTUR]}/avstar`, { comment: "För sent" });
    expect(late.statusCode).toBe(410);
    expect(await documentCount()).toBe(before);
    expect((await stateOf(k.id, KULTUR))?.openedAt).toBeNull();
  });

  it("lets a unit's remissinstans answer from the inbox, and refuses answering for another unit", async () => {
    const { k, rid } = await sentRound();
    const remissinstans = new TestClient(t.app);
    await remissinstans.login("remissinstans");
    expect((await remissinstans.get("/")).body).toContain('href="/mina-remisser"');
    const inbox = await remissinstans.get("/mina-remisser");
    expect(inbox.body).toContain(k.title);
    expect(inbox.body).not.toContain("Kulturnämnden");

    const before = await documentCount();
    await remissinstans.get(`/remissvar/${rid(SODERMALM)}`);
    const other = await remissinstans.post(`/remissvar/${rid(KULTUR)}/avstar`, { comment: "Vi avstår." });
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain("Remissen gäller en annan enhet än din");
    expect(await documentCount()).toBe(before);
    expect((await stateOf(k.id, KULTUR))?.state).toBe("sent");

    const own = await remissinstans.post(`/remissvar/${rid(SODERMALM)}/avstar`, { comment: "Vi avstår." });
    expect(own.statusCode).toBe(303);
    expect((await stateOf(k.id, SODERMALM))?.state).toBe("declined");
  });

  it("refuses a signed-in user of another unit every page and step of a body (403), and an unknown body (404), changing nothing", async () => {
    const { k, rid } = await sentRound();
    const remissinstans = new TestClient(t.app);
    await remissinstans.login("remissinstans");
    const kultur = `/remissvar/${rid(KULTUR)}`;
    const before = await documentCount();
    const refusals = [
      await remissinstans.get(kultur),
      await remissinstans.get(`${kultur}/material/${materialId}`),
      await remissinstans.post(`${kultur}/svar`, { text: "Vi tillstyrker." }),
      await remissinstans.post(`${kultur}/anstand`, { until: "2026-05-29", reason: "Sammanträde." }),
      await remissinstans.post(`${kultur}/avstar`, { comment: "Vi avstår." }),
    ];
    expect(refusals.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
    for (const r of refusals) expect(r.body).toContain("Remissen gäller en annan enhet än din");
    const unknown = "/remissvar/00000000-0000-4000-8000-000000000000";
    expect((await remissinstans.get(unknown)).statusCode).toBe(404);
    expect((await remissinstans.post(`${unknown}/svar`, { text: "Svar." })).statusCode).toBe(404);
    expect(await documentCount()).toBe(before);
    const untouched = await stateOf(k.id, KULTUR);
    expect([untouched?.state, untouched?.openedAt]).toEqual(["sent", null]);
  });

  it("refuses answering twice and answering after closing with 409 naming the allowed steps, changing nothing", async () => {
    const { k, rid } = await sentRound();
    const token = await tokenFor("remissinstans");
    const answer = (text: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/consultations/${k.id}/recipients/${rid(SODERMALM)}/answer`,
        headers: { authorization: `Bearer ${token}` },
        payload: { text },
      });
    expect((await answer("Första svaret.")).statusCode).toBe(201);
    const before = await documentCount();
    const twice = await answer("Andra svaret.");
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.allowed).toEqual(["assess"]);
    expect(twice.json().error.fields[0].message).toBe("Remissinstansen har redan svarat på remissen.");

    const staffToken = await tokenFor("handlaggare");
    const close = (payload: object) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/consultations/${k.id}/close`,
        headers: { authorization: `Bearer ${staffToken}` },
        payload,
      });
    // Before the deadline, closing asks for `early: true` and names the bodies that still have time.
    const early = await close({});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields[0]).toMatchObject({ field: "early" });
    expect(early.json().error.fields[0].message).toContain("Kulturnämnden");
    expect(early.json().error.fields[0].message).not.toContain("Södermalms");
    expect((await close({ early: true })).json().status).toBe("closed");
    const afterClosing = await t.app.inject({
      method: "POST",
      url: `/api/v1/consultations/${k.id}/recipients/${rid(KULTUR)}/decline`,
      headers: { authorization: `Bearer ${staffToken}` },
      payload: { comment: "För sent" },
    });
    expect(afterClosing.statusCode).toBe(409);
    expect(afterClosing.json().error.allowed).toEqual([]);
    expect(afterClosing.json().error.fields[0].message).toContain("avslutad");
    expect(await documentCount()).toBe(before);
  });
});

describe("extensions", () => {
  it("grants one body its own later deadline (the round's stays), refuses another with a reason; both registered and mailed", async () => {
    const { k, links, rid } = await sentRound();
    const culture = await bodyWithLink(links[KULTUR] ?? "");
    const bad = await culture.post(`/svar/${links[KULTUR]}/anstand`, { until: "2026-05-01", reason: "" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Skriv skälet till begäran");
    expect(bad.body).toContain("efter nuvarande sista svarsdag, 2026-05-04");
    const before = await documentCount();
    const asked = await culture.post(`/svar/${links[KULTUR]}/anstand`, {
      until: "2026-05-29",
      reason: "Nämnden sammanträder först den 28 maj.",
    });
    expect(asked.statusCode).toBe(303);
    expect((await stateOf(k.id, KULTUR))?.state).toBe("extension_asked");
    expect(await documentCount()).toBe(before + 1);

    const clerk = new TestClient(t.app);
    await clerk.login("handlaggare");
    const page = await clerk.get(`/remisser/${k.id}/mottagare/${rid(KULTUR)}`);
    expect(page.body).toContain("Nämnden sammanträder först den 28 maj.");
    const granted = await clerk.post(`/remisser/${k.id}/mottagare/${rid(KULTUR)}/anstand`, {
      decision: "grant",
      until: "2026-05-29",
      comment: "",
    });
    expect(granted.statusCode).toBe(303);
    const culturalBody = await stateOf(k.id, KULTUR);
    expect([culturalBody?.state, culturalBody?.deadline, culturalBody?.extended]).toEqual([
      "extension_granted",
      "2026-05-29",
      true,
    ]);
    expect((await getConsultation(t.ctx, k.id)).deadline).toBe(DEADLINE);
    expect((await stateOf(k.id, SODERMALM))?.deadline).toBe(DEADLINE);
    expect(await documentCount()).toBe(before + 2);

    const region = await bodyWithLink(links[REGION] ?? "");
    await region.post(`/svar/${links[REGION]}/anstand`, { until: "2026-06-15", reason: "Semester" });
    await clerk.get(`/remisser/${k.id}/mottagare/${rid(REGION)}`);
    const noReason = await clerk.post(`/remisser/${k.id}/mottagare/${rid(REGION)}/anstand`, {
      decision: "refuse",
      until: "",
      comment: "",
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain("Skriv skälet till avslaget");
    await clerk.post(`/remisser/${k.id}/mottagare/${rid(REGION)}/anstand`, {
      decision: "refuse",
      until: "",
      comment: "Remisstiden är redan åtta veckor.",
    });
    expect((await stateOf(k.id, REGION))?.state).toBe("opened");
    const mails = (await deliver()).map((m) => [m.to[0], bodyText(m.raw)] as const);
    expect(mails.find(([to]) => to === KULTUR)?.[1]).toContain("senast 2026-05-29");
    expect(mails.find(([to]) => to === REGION)?.[1]).toContain("Remisstiden är redan åtta veckor.");

    // On time by its own deadline, though after the round's.
    clock.set(at("2026-05-20"));
    await culture.post(`/svar/${links[KULTUR]}/svar`, { text: "Kulturnämnden tillstyrker." });
    expect((await stateOf(k.id, KULTUR))?.state).toBe("answered_on_time");
  });
});

describe("reminders", () => {
  it("are due once before and once after each body's deadline, the latest that fits", () => {
    expect(dueReminders("2026-04-26", DEADLINE, [7], [1, 7])).toEqual([]);
    expect(dueReminders("2026-04-27", DEADLINE, [7], [1, 7])).toEqual([
      { kind: "before", key: `before:7:${DEADLINE}` },
    ]);
    expect(dueReminders("2026-05-04", DEADLINE, [7], [1, 7])).toEqual([]);
    expect(dueReminders("2026-05-05", DEADLINE, [7], [1, 7])).toEqual([
      { kind: "after", key: `after:1:${DEADLINE}` },
    ]);
    expect(dueReminders("2026-05-20", DEADLINE, [7], [1, 7])).toEqual([
      { kind: "after", key: `after:7:${DEADLINE}` },
    ]);
    expect(dueReminders("2026-04-30", DEADLINE, [2, 7], [])).toEqual([
      { kind: "before", key: `before:7:${DEADLINE}` },
    ]);
    expect(dueReminders("2026-05-02", DEADLINE, [2, 7], [])).toEqual([
      { kind: "before", key: `before:2:${DEADLINE}` },
    ]);
  });

  it("mails the bodies that have not answered, never twice, logs each in the case, and closes the round after the grace days", async () => {
    const { k, links } = await sentRound();
    await (await bodyWithLink(links[REGION] ?? "")).post(`/svar/${links[REGION]}/avstar`, {
      comment: "Vi avstår.",
    });
    await deliver();

    clock.set(at("2026-04-27"));
    await runDueReminders(t.ctx);
    await runDueReminders(t.ctx);
    const before = (await deliver()).filter((m) => bodyText(m.raw).includes(k.title));
    expect(before.map((m) => m.to[0]).sort()).toEqual([KULTUR, SODERMALM].sort());
    expect(header(before[0]?.raw ?? "", "subject")).toContain("Påminnelse");

    clock.set(at("2026-05-05"));
    await runDueReminders(t.ctx);
    clock.set(at("2026-05-06"));
    await runDueReminders(t.ctx);
    const after = (await deliver()).filter((m) => bodyText(m.raw).includes(k.title));
    expect(after.map((m) => m.to[0]).sort()).toEqual([KULTUR, SODERMALM].sort());
    expect(bodyText(after[0]?.raw ?? "")).toContain("var 2026-05-04");

    const logged = await t.ctx.db
      .selectFrom("audit_events")
      .select("after_json")
      .where("subject_type", "=", "case")
      .where("subject_id", "=", caseId)
      .where("action", "=", "consultation.reminder")
      .execute();
    expect(logged.filter((e) => String(e.after_json).includes(k.id))).toHaveLength(4);

    clock.set(at("2026-06-04"));
    expect((await runDueReminders(t.ctx)).closed).toBeGreaterThanOrEqual(1);
    expect((await getConsultation(t.ctx, k.id)).status).toBe("closed");
  });

  it("sends a manual reminder from the body's page", async () => {
    const { k, rid } = await sentRound();
    const clerk = new TestClient(t.app);
    await clerk.login("handlaggare");
    await clerk.get(`/remisser/${k.id}/mottagare/${rid(KULTUR)}`);
    expect((await clerk.post(`/remisser/${k.id}/mottagare/${rid(KULTUR)}/paminn`, {})).statusCode).toBe(303);
    const mails = await deliver();
    expect(mails.map((m) => m.to[0])).toEqual([KULTUR]);
  });
});

describe("compilation", () => {
  it("reads each answer's text from its Word or PDF file into one Word file, grouped, on time or late, with the non-answers", async () => {
    const { k, links, rid } = await sentRound();
    clock.set(at("2026-04-28"));
    const sodermalm = await bodyWithLink(links[SODERMALM] ?? "");
    await sodermalm.upload(
      `/svar/${links[SODERMALM]}/svar`,
      {},
      {
        fileName: "yttrande.docx",
        bytes: await makeDocx(["Stadsdelsnämnden ser positivt på de fyra inriktningarna."]),
      },
    );
    clock.set(at("2026-05-07"));
    const region = await bodyWithLink(links[REGION] ?? "");
    await region.post(`/svar/${links[REGION]}/svar`, {
      text: "Regionen efterlyser tydligare mål för påverkansarbetet.",
    });

    const clerk = new TestClient(t.app);
    await clerk.login("handlaggare");
    await clerk.get(`/remisser/${k.id}/mottagare/${rid(SODERMALM)}`);
    await clerk.post(`/remisser/${k.id}/mottagare/${rid(SODERMALM)}/bedomning`, {
      position: "supports",
      summary: "Positiv till inriktningarna.",
    });

    const word = await clerk.get(`/remisser/${k.id}/sammanstallning.docx`);
    expect(word.statusCode).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: word.rawPayload })).value;
    expect(text).toContain("Stadsdelsnämnden ser positivt på de fyra inriktningarna.");
    expect(text).toContain("Regionen efterlyser tydligare mål för påverkansarbetet.");
    expect(text).toContain("Svar 2026-04-28, i tid");
    expect(text).toContain("Svar 2026-05-07, för sent");
    expect(text).toContain("Tillstyrker");
    expect(text).toContain("Positiv till inriktningarna.");
    expect(text.indexOf("Stadsdelsnämnder")).toBeLessThan(text.indexOf("Övriga"));
    expect(text).toContain("Remissinstanser som inte har svarat (1)");
    expect(text.slice(text.indexOf("inte har svarat"))).toContain("Kulturnämnden");

    const before = await documentCount();
    expect((await clerk.post(`/remisser/${k.id}/sammanstallning`, {})).statusCode).toBe(303);
    const registered = (await getConsultation(t.ctx, k.id)).compilationDocumentId;
    const doc = await t.ctx.db
      .selectFrom("documents")
      .selectAll()
      .where("id", "=", registered ?? "")
      .executeTakeFirstOrThrow();
    expect([doc.direction, doc.status]).toEqual(["internal", "registered"]);
    expect(await documentCount()).toBe(before + 1);
  });
});

const tokenCache = new Map<string, string>();
async function tokenFor(username: string): Promise<string> {
  const cached = tokenCache.get(username);
  if (cached) return cached;
  const user = await findUserByUsername(t.ctx.db, t.config.tenantId, username);
  if (!user) throw new Error(`no demo user ${username}`);
  const token = (await createToken(t.ctx, "system", user, { name: "round" })).token;
  tokenCache.set(username, token);
  return token;
}
