import mammoth from "mammoth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import {
  accessForUser,
  allRecipients,
  answerConsultation,
  assessAnswer,
  createConsultation,
  decideExtension,
  getConsultation,
  requestExtension,
  runDueReminders,
  sendConsultation,
} from "../src/consultation/index.ts";
import { earlyClosing } from "../src/consultation/round/close/close.rules.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { demoActor } from "./helpers/demo.ts";
import { bodyText, header, type ReceivedMail, startSmtpServer } from "./helpers/smtp.ts";

/** Monday 9 March 2026; the rounds' deadline is Monday 4 May. */
const MONDAY = new Date("2026-03-09T09:00:00Z");
const DEADLINE = "2026-05-04";
const at = (date: string) => new Date(`${date}T09:00:00Z`);
const SODERMALM = "sdn.sodermalm@stockholm.example";
const KULTUR = "fn.kultur@stockholm.example";

let t: TestApp;
let clock: ManualClock;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let officer: UserActor;
let caseId = "";
let rounds = 0;

beforeAll(async () => {
  clock = new ManualClock(MONDAY);
  smtp = await startSmtpServer();
  t = await buildTestApp({ clock, env: { KANSLI_SMTP_URL: smtp.url } });
  officer = await demoActor(t, "handlaggare");
  caseId = (
    await t.ctx.db
      .selectFrom("cases")
      .select("id")
      .where("diary_number", "=", "KS 171-482/2016")
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

async function deliver(): Promise<ReceivedMail[]> {
  const before = smtp.received.length;
  const transport = mailTransport(t.config);
  if (!transport) throw new Error("no SMTP configured");
  while ((await deliverPending(t.ctx, transport)) > 0);
  transport.close();
  return smtp.received.slice(before);
}

const linkIn = (mail: ReceivedMail | undefined) =>
  /\/svar\/([A-Za-z0-9_-]{43})/.exec(bodyText(mail?.raw ?? ""))?.[1] ?? "";

/** A round sent to Södermalm and the culture committee, with the bodies' ids and first links. */
async function sentRound() {
  rounds += 1;
  const title = `Remiss om samverkan, omgång ${rounds}`;
  const { consultation } = await createConsultation(t.ctx, officer, caseId, {
    title,
    deadline: DEADLINE,
    instructions: "Svara som Word-fil.",
    officerId: officer.id,
    contact: "Hugo Handläggare, tfn 08-508 00 123",
    unitIds: ["sdn-sodermalm", "fn-kultur"],
    documentIds: [],
  });
  await sendConsultation(t.ctx, officer, consultation.id);
  const mails = (await deliver()).filter((m) => header(m.raw, "subject").includes(title));
  const k = await getConsultation(t.ctx, consultation.id);
  const rid = (email: string) => allRecipients(k).find((r) => r.email === email)?.id ?? "";
  const firstLink = (email: string) => linkIn(mails.find((m) => m.to.includes(email)));
  return { k, title, rid, firstLink };
}

/** Culture asks for more time until 29 May and the officer grants it. */
async function grantKultur(k: { id: string }, rid: string) {
  const access = await accessForUser(t.ctx, officer, rid);
  await requestExtension(t.ctx, officer, access, { until: "2026-05-29", reason: "Sammanträde i maj." });
  await decideExtension(t.ctx, officer, k.id, rid, { decision: "grant", until: "2026-05-29" });
  await deliver();
}

const caseDocumentCount = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom("documents")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("case_id", "=", caseId)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function officerClient() {
  const client = new TestClient(t.app);
  await client.login("handlaggare");
  return client;
}

/** A draft round of the strategy case, to Södermalm, with the case's attachment as material. */
async function draftRound() {
  rounds += 1;
  const material = await t.ctx.db
    .selectFrom("documents")
    .select("id")
    .where("case_id", "=", caseId)
    .where("document_type", "=", "bilaga")
    .executeTakeFirstOrThrow();
  const { consultation } = await createConsultation(t.ctx, officer, caseId, {
    title: `Utkast till remiss, omgång ${rounds}`,
    deadline: DEADLINE,
    instructions: "Svara som Word-fil.",
    officerId: officer.id,
    unitIds: ["sdn-sodermalm"],
    documentIds: [material.id],
  });
  return { k: consultation, materialId: material.id };
}

describe("a draft round", () => {
  it("is edited in its form: bodies, deadline, instructions and material replaced; bad input changes nothing", async () => {
    const { k } = await draftRound();
    const clerk = await officerClient();
    const form = await clerk.get(`/remisser/${k.id}/andra`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`action="/remisser/${k.id}/andra"`);
    expect(form.body).toContain("Svara som Word-fil.");

    const bad = await clerk.post(`/remisser/${k.id}/andra`, {
      title: "",
      deadline: "2026-06-06",
      instructions: "Nya instruktioner.",
      officerId: officer.id,
      externalBodies: "Region Exempel utan adress",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('class="error-summary');
    expect(bad.body.match(/<li><a href="#/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    const unchanged = await getConsultation(t.ctx, k.id);
    expect([unchanged.title, unchanged.deadline, allRecipients(unchanged).length]).toEqual([
      k.title,
      DEADLINE,
      1,
    ]);

    const saved = await clerk.post(`/remisser/${k.id}/andra`, {
      title: "Remiss om samverkan, ändrad",
      deadline: "2026-05-11",
      instructions: "Svara gärna som PDF.",
      officerId: officer.id,
      unitIds: "fn-kultur",
      externalBodies: "Region Exempel, registrator@region.example",
    });
    expect(saved.statusCode).toBe(303);
    const edited = await getConsultation(t.ctx, k.id);
    expect([edited.title, edited.deadline, edited.instructions, edited.status]).toEqual([
      "Remiss om samverkan, ändrad",
      "2026-05-11",
      "Svara gärna som PDF.",
      "draft",
    ]);
    expect(allRecipients(edited).map((r) => r.name)).toEqual(["Kulturnämnden", "Region Exempel"]);
    expect(edited.documentIds).toEqual([]);
    const event = await t.ctx.db
      .selectFrom("audit_events")
      .select("action")
      .where("subject_id", "=", k.id)
      .where("action", "=", "consultation.edit")
      .executeTakeFirst();
    expect(event?.action).toBe("consultation.edit");
  });

  it("is discarded after a confirmation: it stays, marked and audited, its material stays registered, and it can no longer be sent or edited", async () => {
    const { k, materialId } = await draftRound();
    const clerk = await officerClient();
    expect((await clerk.get(`/remisser/${k.id}`)).body).toContain(`href="/remisser/${k.id}/kassera"`);
    const ask = await clerk.get(`/remisser/${k.id}/kassera`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain("Kassera remissutkastet");
    expect((await clerk.post(`/remisser/${k.id}/kassera`)).statusCode).toBe(303);

    const discarded = await getConsultation(t.ctx, k.id);
    expect(discarded.status).toBe("discarded");
    expect((await clerk.get(`/remisser/${k.id}`)).body).toContain("Kasserat utkast");
    const material = await t.ctx.db
      .selectFrom("documents")
      .select("id")
      .where("id", "=", materialId)
      .executeTakeFirst();
    expect(material?.id).toBe(materialId);
    const event = await t.ctx.db
      .selectFrom("audit_events")
      .select(["action", "actor_label"])
      .where("subject_id", "=", k.id)
      .where("action", "=", "consultation.discard")
      .executeTakeFirst();
    expect(event?.actor_label).toBe("handlaggare");

    await expect(sendConsultation(t.ctx, officer, k.id)).rejects.toMatchObject({ status: 409 });
    const again = await clerk.post(`/remisser/${k.id}/andra`, { title: "Ny titel" });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Remissen är inte längre ett utkast");
    expect((await clerk.post(`/remisser/${k.id}/kassera`)).statusCode).toBe(409);
    expect((await getConsultation(t.ctx, k.id)).title).toBe(k.title);
  });

  it("cannot be edited or discarded once sent", async () => {
    const { k } = await sentRound();
    const clerk = await officerClient();
    expect((await clerk.get(`/remisser/${k.id}/andra`)).statusCode).toBe(409);
    expect((await clerk.get(`/remisser/${k.id}/kassera`)).statusCode).toBe(409);
    expect((await clerk.get(`/remisser/${k.id}`)).body).not.toContain(`/remisser/${k.id}/kassera`);
    expect((await getConsultation(t.ctx, k.id)).status).toBe("sent");
  });
});

describe("reminder mails", () => {
  it("carry a new personal link that opens the body's page, the deadline with any extension, and the officer's contact", async () => {
    const { k, title, rid, firstLink } = await sentRound();
    await grantKultur(k, rid(KULTUR));
    clock.set(at("2026-04-27"));
    await runDueReminders(t.ctx);
    const reminders = (await deliver()).filter((m) =>
      header(m.raw, "subject").includes(`Påminnelse: ${title}`),
    );
    expect(reminders.map((m) => m.to[0])).toEqual([SODERMALM]);
    const sodermalm = bodyText(reminders[0]?.raw ?? "");
    expect(sodermalm).toContain(`senast ${DEADLINE}`);
    expect(sodermalm).toContain("Hugo Handläggare (demo), handlaggare@stockholm.example");
    expect(sodermalm).toContain("tfn 08-508 00 123");
    expect(sodermalm).toContain("ersätter länken i tidigare e-post");
    const link = linkIn(reminders[0]);
    expect(link).not.toBe(firstLink(SODERMALM));
    expect((await new TestClient(t.app).get(`/svar/${link}`)).statusCode).toBe(200);
    expect((await new TestClient(t.app).get(`/svar/${firstLink(SODERMALM)}`)).statusCode).toBe(404);

    // Culture's own deadline is reminded a week before it, naming the round's deadline too.
    clock.set(at("2026-05-22"));
    await runDueReminders(t.ctx);
    const kultur = (await deliver()).find(
      (m) => m.to.includes(KULTUR) && header(m.raw, "subject").includes(`Påminnelse: ${title}`),
    );
    const text = bodyText(kultur?.raw ?? "");
    expect(text).toContain("senast 2026-05-29");
    expect(text).toContain(
      "Ni har fått anstånd till 2026-05-29. Remissens sista svarsdag för övriga är 2026-05-04.",
    );
    expect((await new TestClient(t.app).get(`/svar/${linkIn(kultur)}`)).statusCode).toBe(200);
  });

  it("from the officer's page carry the link and contact too", async () => {
    const { k, title, rid } = await sentRound();
    const clerk = await officerClient();
    await clerk.get(`/remisser/${k.id}/mottagare/${rid(SODERMALM)}`);
    expect((await clerk.post(`/remisser/${k.id}/mottagare/${rid(SODERMALM)}/paminn`)).statusCode).toBe(303);
    const mail = (await deliver()).find((m) => header(m.raw, "subject").includes(`Påminnelse: ${title}`));
    expect(bodyText(mail?.raw ?? "")).toContain("handlaggare@stockholm.example");
    expect((await new TestClient(t.app).get(`/svar/${linkIn(mail)}`)).statusCode).toBe(200);
  });
});

describe("closing early", () => {
  it("is early while a body without a reply still has time: before the deadline or a granted extension", () => {
    const body = (name: string, deadline: string, state: "sent" | "answered_on_time" | "declined") => ({
      name,
      deadline,
      state,
    });
    const bodies = [body("A", DEADLINE, "answered_on_time"), body("B", DEADLINE, "sent")];
    expect(earlyClosing(bodies, "2026-05-04")?.map((b) => b.name)).toEqual(["B"]);
    expect(earlyClosing(bodies, "2026-05-05")).toBeNull();
    expect(
      earlyClosing([...bodies, body("C", "2026-05-29", "sent")], "2026-05-10")?.map((b) => b.name),
    ).toEqual(["B", "C"]);
    expect(
      earlyClosing([body("A", DEADLINE, "answered_on_time"), body("D", DEADLINE, "declined")], "2026-04-01"),
    ).toBeNull();
  });

  it("asks the officer to confirm, naming who has not answered, and closes only when confirmed", async () => {
    const { k, rid } = await sentRound();
    await answerConsultation(
      t.ctx,
      officer,
      await accessForUser(t.ctx, officer, rid(SODERMALM)),
      { text: "Vi tillstyrker." },
      null,
    );
    const clerk = await officerClient();
    await clerk.get(`/remisser/${k.id}`);
    const ask = await clerk.post(`/remisser/${k.id}/avsluta`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain("Avsluta remissen i förtid");
    expect(ask.body).toContain("Kulturnämnden");
    expect(ask.body).not.toContain("Södermalms stadsdelsnämnd</");
    expect(ask.body).toContain('name="confirm" value="yes"');
    expect((await getConsultation(t.ctx, k.id)).status).toBe("sent");

    const confirmed = await clerk.post(`/remisser/${k.id}/avsluta`, { confirm: "yes" });
    expect(confirmed.statusCode).toBe(303);
    expect((await getConsultation(t.ctx, k.id)).status).toBe("closed");
  });

  it("asks while a granted extension runs after the round's deadline, and not once every deadline has passed", async () => {
    const { k, rid } = await sentRound();
    await grantKultur(k, rid(KULTUR));
    clock.set(at("2026-05-10"));
    const clerk = await officerClient();
    await clerk.get(`/remisser/${k.id}`);
    const ask = await clerk.post(`/remisser/${k.id}/avsluta`);
    expect(ask.statusCode).toBe(200);
    expect(ask.body).toContain("2026-05-29");
    clock.set(at("2026-06-01"));
    const later = await officerClient();
    await later.get(`/remisser/${k.id}`);
    expect((await later.post(`/remisser/${k.id}/avsluta`)).statusCode).toBe(303);
    expect((await getConsultation(t.ctx, k.id)).status).toBe("closed");
  });
});

describe("after closing", () => {
  it("shows bodies without an answer as Inget svar on the public page, the board and the compilation", async () => {
    const { k, rid } = await sentRound();
    await answerConsultation(
      t.ctx,
      officer,
      await accessForUser(t.ctx, officer, rid(SODERMALM)),
      { text: "Vi tillstyrker." },
      null,
    );
    const clerk = await officerClient();
    await clerk.get(`/remisser/${k.id}`);
    await clerk.post(`/remisser/${k.id}/avsluta`, { confirm: "yes" });
    const kultur = allRecipients(await getConsultation(t.ctx, k.id)).find((r) => r.email === KULTUR);
    expect(kultur?.state).toBe("no_answer");
    for (const page of [
      await new TestClient(t.app).get(`/offentlig/remisser/${k.id}`),
      await clerk.get(`/remisser/${k.id}`),
      await clerk.get(`/remisser/${k.id}/sammanstallning`),
    ]) {
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Inget svar");
      expect(page.body).not.toContain("<span>Skickad</span>");
    }
  });
});

describe("the compilation", () => {
  it("opens with an overview table (body, position, summary) before the full answers, on the page and in the Word file", async () => {
    const { k, rid } = await sentRound();
    await answerConsultation(
      t.ctx,
      officer,
      await accessForUser(t.ctx, officer, rid(SODERMALM)),
      { text: "Södermalm tillstyrker samverkan med skolorna." },
      null,
    );
    await assessAnswer(t.ctx, officer, k.id, rid(SODERMALM), {
      position: "supports",
      summary: "Tillstyrker, vill samverka med skolorna",
    });
    const clerk = await officerClient();
    const page = (await clerk.get(`/remisser/${k.id}/sammanstallning`)).body;
    expect(page).toContain("<caption>Remissinstansernas ställningstaganden (2)</caption>");
    expect(page).toContain(
      "<tr><td>Södermalms stadsdelsnämnd</td><td>Tillstyrker</td><td>Tillstyrker, vill samverka med skolorna</td></tr>",
    );
    expect(page).toContain("<tr><td>Kulturnämnden</td><td>Skickad</td><td>–</td></tr>");
    expect(page.indexOf("Översikt")).toBeLessThan(
      page.indexOf("Södermalm tillstyrker samverkan med skolorna."),
    );

    const word = await clerk.get(`/remisser/${k.id}/sammanstallning.docx`);
    const text = (await mammoth.extractRawText({ buffer: word.rawPayload })).value;
    const overview = text.indexOf("Översikt");
    expect(overview).toBeGreaterThan(-1);
    expect(text.indexOf("Tillstyrker, vill samverka med skolorna")).toBeGreaterThan(overview);
    expect(text.indexOf("Södermalm tillstyrker samverkan med skolorna.")).toBeGreaterThan(
      text.indexOf("Tillstyrker, vill samverka med skolorna"),
    );
  });
});

describe("an invitation to a consultation meeting", () => {
  it("is written from day, time and place, registered as an outgoing document of the case and mailed to the bodies", async () => {
    const { k, title } = await sentRound();
    const clerk = await officerClient();
    expect((await clerk.get(`/remisser/${k.id}`)).body).toContain(`href="/remisser/${k.id}/remissmote"`);
    expect((await clerk.get(`/remisser/${k.id}/remissmote`)).statusCode).toBe(200);
    const documentsBefore = await caseDocumentCount();

    const bad = await clerk.post(`/remisser/${k.id}/remissmote`, {
      date: "2026-03-01",
      time: "25:00",
      place: "",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Skriv tiden som TT:MM");
    expect(bad.body).toContain('href="#place"');
    expect(await caseDocumentCount()).toBe(documentsBefore);

    const saved = await clerk.post(`/remisser/${k.id}/remissmote`, {
      date: "2026-04-14",
      time: "13:30",
      place: "Stadshuset, Hantverkargatan 1, sal 3",
      note: "Anmäl deltagande senast 7 april.",
      mail: "yes",
    });
    expect(saved.statusCode).toBe(303);
    expect(String(saved.headers.location)).toMatch(/^\/handlingar\//);
    expect(await caseDocumentCount()).toBe(documentsBefore + 1);
    const doc = await t.ctx.db
      .selectFrom("documents")
      .select(["direction", "description", "document_type"])
      .where("id", "=", String(saved.headers.location).split("/").at(-1) ?? "")
      .executeTakeFirstOrThrow();
    expect(doc).toEqual({
      direction: "outgoing",
      description: `Kallelse till remissmöte: ${title}`,
      document_type: "kallelse",
    });
    const mails = (await deliver()).filter((m) =>
      header(m.raw, "subject").includes("Kallelse till remissmöte"),
    );
    expect(mails.map((m) => m.to[0]).sort()).toEqual([KULTUR, SODERMALM]);
    const text = bodyText(mails[0]?.raw ?? "");
    expect(text).toContain("2026-04-14 klockan 13:30, Stadshuset, Hantverkargatan 1, sal 3");
    expect(text).toContain("Anmäl deltagande senast 7 april.");
  });

  it("reports a day in the past and a missing place together, and is not offered once the round is closed", async () => {
    const { k } = await sentRound();
    const clerk = await officerClient();
    await clerk.get(`/remisser/${k.id}/remissmote`);
    const bad = await clerk.post(`/remisser/${k.id}/remissmote`, { date: "2026-03-01", time: "10:00" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Mötet kan inte vara före i dag, 2026-03-09");
    expect(bad.body).toContain('href="#place"');
    await clerk.post(`/remisser/${k.id}/avsluta`, { confirm: "yes" });
    expect((await clerk.get(`/remisser/${k.id}`)).body).not.toContain("/remissmote");
    await clerk.get(`/remisser/${k.id}/remissmote`);
    const closed = await clerk.post(`/remisser/${k.id}/remissmote`, {
      date: "2026-04-14",
      time: "10:00",
      place: "Stadshuset",
    });
    expect(closed.statusCode).toBe(409);
  });
});

describe("the officer's page for one body", () => {
  it("speaks of the body, not to it, and shows the round's deadline beside the body's extension", async () => {
    const { k, rid } = await sentRound();
    await grantKultur(k, rid(KULTUR));
    const page = (await (await officerClient()).get(`/remisser/${k.id}/mottagare/${rid(KULTUR)}`)).body;
    expect(page).toMatch(/Remissens sista svarsdag<\/dt>\s*<dd>2026-05-04<\/dd>/);
    expect(page).toMatch(/Remissinstansens anstånd till<\/dt>\s*<dd>2026-05-29<\/dd>/);
    expect(page).toContain("Datum som remissinstansen begär");
    expect(page).not.toMatch(/\b(ni|er|ert|era|Ni|Er|Ert)\b/);
  });
});
