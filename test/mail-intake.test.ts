import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "../src/auth/actor.ts";
import {
  allRecipients,
  createConsultation,
  getConsultation,
  runDueReminders,
  sendConsultation,
} from "../src/consultation/index.ts";
import { FAILURES_BEFORE_SET_ASIDE, readRegistryMailbox } from "../src/mail-intake/intake-worker.ts";
import { ManualClock } from "../src/platform/clock.ts";
import { sha256Hex } from "../src/platform/files/blob-store.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { TestClient } from "./helpers/client.ts";
import { TEST_DIALECT } from "./helpers/database.ts";
import { demoActor } from "./helpers/demo.ts";
import { makeDocx, makePdf, makeZip } from "./helpers/documents.ts";
import { composeMail, startImapServer, type TestImapServer } from "./helpers/imap.ts";

/** Messages in the mail-bomb test: 100 in the suite, `MAIL_BURST_COUNT=500` for the full bomb. */
const BURST = Number(process.env.MAIL_BURST_COUNT ?? 100);

/** Monday 9 March 2026, 10:00 in Stockholm; the rounds' deadline is eight weeks on. */
const MONDAY = new Date("2026-03-09T09:00:00Z");
const SODERMALM = "sdn.sodermalm@stockholm.example";
const REGION = "registrator@region.example";

let t: TestApp;
const clock = new ManualClock(MONDAY);
let imap: TestImapServer;
let officer: UserActor;
let caseId = "";
let diaryNumber = "";
let rounds = 0;

beforeAll(async () => {
  imap = await startImapServer();
  t = await buildTestApp({
    clock,
    env: {
      KANSLI_IMAP_URL: imap.url,
      KANSLI_IMAP_PASSWORD: imap.password,
      KANSLI_MAX_UPLOAD_MB: "50",
      KANSLI_ANSWER_MAILBOX: "remissvar@stockholm.example",
    },
  });
  officer = await demoActor(t, "handlaggare");
  const c = await t.ctx.db
    .selectFrom("cases")
    .select(["id", "diary_number"])
    .where("diary_number", "=", "KS 171-482/2016")
    .executeTakeFirstOrThrow();
  caseId = c.id;
  diaryNumber = c.diary_number;
});
afterAll(async () => {
  await t?.close();
  await imap?.stop();
});

/** A round of the strategy case sent to Södermalm, the culture committee and an external body. */
async function sentRound() {
  rounds += 1;
  const { consultation } = await createConsultation(t.ctx, officer, caseId, {
    title: `Remiss via e-post, omgång ${rounds}`,
    deadline: "2026-05-04",
    instructions: "Svara som Word-fil.",
    officerId: officer.id,
    unitIds: ["sdn-sodermalm", "fn-kultur"],
    externalBodies: "Region Exempel, registrator@region.example",
    documentIds: [],
  });
  await sendConsultation(t.ctx, officer, consultation.id);
  return consultation.id;
}

/** The consultations of the case still out are closed between tests, so each test has one round. */
async function onlyRound(): Promise<string> {
  await t.ctx.db
    .updateTable("consultations")
    .set({ status: "closed" })
    .where("case_id", "=", caseId)
    .where("status", "=", "sent")
    .execute();
  return sentRound();
}

type Attachment = { filename: string; content: Buffer };
const message = composeMail;

const answerDocx = async (): Promise<Attachment> => ({
  filename: "remissvar.docx",
  content: await makeDocx([`Remissvar ${Math.random()}`]),
});

/** Delivers the messages into the mailbox and lets kansli read it until it is empty. */
async function receive(...raws: Buffer[]): Promise<void> {
  for (const raw of raws) await imap.deliver(raw);
  while ((await readRegistryMailbox(t.ctx)) > 0);
}

async function recordOf(raw: Buffer) {
  return t.ctx.db
    .selectFrom("received_mail")
    .selectAll()
    .where("eml_sha256", "=", sha256Hex(raw))
    .executeTakeFirstOrThrow();
}

const messageIdOf = (raw: Buffer) => /^Message-ID: *(<[^>]+>)/im.exec(raw.toString("latin1"))?.[1] ?? "";

const TRIGGER = "test_refused_mail";

/** Makes the database refuse to record a message with this subject, except when it is set aside as failed. */
async function refuseReceivedMailWithSubject(subject: string): Promise<void> {
  if (TEST_DIALECT === "postgres")
    await t.database.raw(`
      create function ${TRIGGER}() returns trigger language plpgsql as $$
      begin raise exception 'injected'; end $$;
      create trigger ${TRIGGER} before insert on received_mail for each row
      when (new.subject = '${subject}' and new.queue_reason is distinct from 'intake_failed')
      execute function ${TRIGGER}();`);
  else
    await t.database.raw(`
      create trigger ${TRIGGER} before insert on received_mail
      when new.subject = '${subject}' and new.queue_reason is not 'intake_failed'
      begin select raise(abort, 'injected'); end;`);
}

async function allowReceivedMail(): Promise<void> {
  if (TEST_DIALECT === "postgres") await t.database.raw(`drop function if exists ${TRIGGER}() cascade`);
  else await t.database.raw(`drop trigger if exists ${TRIGGER}`);
}

const recipient = async (consultationId: string, email: string) =>
  allRecipients(await getConsultation(t.ctx, consultationId)).find((r) => r.email === email);

const countRows = async (table: "received_mail" | "documents") =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("answers by e-mail", () => {
  it("registers a Word answer from a body's address with the diary number as that body's answer, with a receipt", async () => {
    const k = await onlyRound();
    const mailsTo = async (to: string) =>
      (
        await t.ctx.db.selectFrom("mail_outbox").select("body_text").where("to_address", "=", to).execute()
      ).map((m) => m.body_text);
    const before = await mailsTo(SODERMALM);
    const raw = await message({
      from: `Södermalm <${SODERMALM}>`,
      subject: `Remissvar ${diaryNumber}`,
      attachments: [await answerDocx()],
    });
    await receive(raw);
    const row = await recordOf(raw);
    expect(row.status).toBe("answer");
    const body = await recipient(k, SODERMALM);
    expect(body?.answeredOn).toBe("2026-03-09");
    expect(row.document_id).toBe(body?.answerDocumentId);
    // Kept as received: the .eml is in the blob store under its checksum.
    expect(sha256Hex(await t.ctx.files.get(row.eml_sha256))).toBe(sha256Hex(raw));
    // The usual receipt, as after an answer by the personal link.
    const receipts = (await mailsTo(SODERMALM)).filter((m) => !before.includes(m));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toContain(diaryNumber);
    // Moved, not lost: the inbox is empty and the message is in the taken folder.
    expect(await imap.count("INBOX")).toBe(0);
    expect(await imap.count("Registrerat")).toBeGreaterThan(0);
  });

  it("matches a colleague's address at the only body of the round with that domain, and a PDF", async () => {
    const k = await onlyRound();
    const raw = await message({
      from: "handlaggare@region.example",
      subject: "Svar på remiss",
      text: `Vårt svar i ärende ${diaryNumber} bifogas.`,
      attachments: [{ filename: "svar.pdf", content: await makePdf(["Regionens svar"]) }],
    });
    await receive(raw);
    expect((await recordOf(raw)).status).toBe("answer");
    expect((await recipient(k, REGION))?.answeredOn).toBe("2026-03-09");
  });

  it("queues what it cannot match, with the reason, and registers nothing", async () => {
    await onlyRound();
    const docs = await countRows("documents");
    const cases: [Promise<Buffer>, string][] = [
      [message({ from: "okand@annan.example", subject: diaryNumber, attachments: [] }), "unknown_sender"],
      [message({ from: SODERMALM, subject: "Vårt remissvar", attachments: [] }), "no_diary_number"],
      [message({ from: SODERMALM, subject: diaryNumber }), "no_answer_file"],
      // Two units share stockholm.example: a colleague's address there could be either.
      [message({ from: "ny.person@stockholm.example", subject: diaryNumber }), "several_bodies"],
      [
        message({
          from: SODERMALM,
          subject: `${diaryNumber} och KS 2019/562`,
          attachments: [],
        }),
        "no_answer_file",
      ],
      [
        message({
          from: SODERMALM,
          subject: diaryNumber,
          text: "Vi behöver anstånd, datum återkommer vi om.",
        }),
        "extension_request",
      ],
    ];
    for (const [made, reason] of cases) {
      const raw = await made;
      await receive(raw);
      const row = await recordOf(raw);
      expect([row.status, row.queue_reason]).toEqual(["queued", reason]);
    }
    expect(await countRows("documents")).toBe(docs);
  });

  it("registers a body's request for more time with the day it names, by the link's rules; a day they refuse waits in the queue", async () => {
    const k = await onlyRound();
    const body = await recipient(k, SODERMALM);
    const asked = await message({
      from: SODERMALM,
      subject: `Begäran om anstånd ${diaryNumber}`,
      text: "Nämnden sammanträder först i maj. Vi ber om anstånd med svaret till den 1 juni 2026.",
    });
    await receive(asked);
    const row = await recordOf(asked);
    expect(row.status).toBe("document");
    const requests = await t.ctx.db
      .selectFrom("consultation_extensions")
      .selectAll()
      .where("recipient_id", "=", body?.id ?? "")
      .execute();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      requested_until: "2026-06-01",
      status: "requested",
      request_document_id: row.document_id,
    });
    expect(requests[0]?.reason).toContain("sammanträder först i maj");
    // The same officer's mail as after the link's form.
    const { email } = await t.ctx.db
      .selectFrom("users")
      .select("email")
      .where("id", "=", officer.id)
      .executeTakeFirstOrThrow();
    const toOfficer = await t.ctx.db
      .selectFrom("mail_outbox")
      .select("subject")
      .where("to_address", "=", email ?? "")
      .execute();
    expect(toOfficer.some((m) => m.subject.includes("Södermalm"))).toBe(true);

    // 1 May is before the round's deadline (4 May): the link's form refuses it, so it waits.
    const docs = await countRows("documents");
    const early = await message({
      from: "registrator@region.example",
      subject: diaryNumber,
      text: "Vi behöver anstånd till 1 maj.",
    });
    await receive(early);
    const queued = await recordOf(early);
    expect([queued.status, queued.queue_reason]).toEqual(["queued", "extension_request"]);
    expect(await countRows("documents")).toBe(docs);
  });

  it("queues an answer from a body that two rounds of the case are out to, as several consultations", async () => {
    await onlyRound();
    await sentRound();
    const docs = await countRows("documents");
    const raw = await message({ from: SODERMALM, subject: diaryNumber, attachments: [await answerDocx()] });
    await receive(raw);
    const row = await recordOf(raw);
    expect([row.status, row.queue_reason]).toEqual(["queued", "several_consultations"]);
    expect(await countRows("documents")).toBe(docs);
  });

  it("refuses a second answer from the same body by the link's rule: the second message waits in the queue", async () => {
    const k = await onlyRound();
    const first = await message({ from: SODERMALM, subject: diaryNumber, attachments: [await answerDocx()] });
    const second = await message({
      from: SODERMALM,
      subject: diaryNumber,
      attachments: [await answerDocx()],
    });
    await receive(first, second);
    expect((await recordOf(first)).status).toBe("answer");
    const row = await recordOf(second);
    expect([row.status, row.queue_reason]).toEqual(["queued", "answer_refused"]);
    expect((await recipient(k, SODERMALM))?.answerDocumentId).toBe((await recordOf(first)).document_id);
  });

  it("takes a message read twice (a stop before the move) once", async () => {
    await onlyRound();
    const raw = await message({ from: "okand@annan.example", subject: "Hej" });
    const before = await countRows("received_mail");
    await imap.deliver(raw);
    await imap.deliver(raw);
    while ((await readRegistryMailbox(t.ctx)) > 0);
    expect(await countRows("received_mail")).toBe(before + 1);
  });
});

describe("outgoing mail says how to answer", () => {
  it("names the answer mailbox and the diary number for the subject in the missive, beside the personal link", async () => {
    await onlyRound();
    const missive = await t.ctx.db
      .selectFrom("mail_outbox")
      .select("body_text")
      .where("to_address", "=", REGION)
      .where("subject", "like", `%omgång ${rounds}`)
      .executeTakeFirstOrThrow();
    expect(missive.body_text).toContain(
      `e-posta svaret som Word-, PDF- eller ODT-fil till remissvar@stockholm.example med diarienummer ${diaryNumber} i ämnesraden`,
    );
    expect(missive.body_text).toMatch(/\/svar\/[A-Za-z0-9_-]{43}/);
  });

  it("names them in a reminder too", async () => {
    await onlyRound();
    // A week before the deadline of 4 May the bodies that have not answered are reminded.
    clock.set(new Date("2026-04-27T09:00:00Z"));
    try {
      await runDueReminders(t.ctx);
    } finally {
      clock.set(MONDAY);
    }
    const reminder = await t.ctx.db
      .selectFrom("mail_outbox")
      .select("body_text")
      .where("to_address", "=", REGION)
      .where("subject", "like", `%Påminnelse%omgång ${rounds}`)
      .executeTakeFirstOrThrow();
    expect(reminder.body_text).toContain(`till remissvar@stockholm.example med diarienummer ${diaryNumber}`);
  });
});

describe("bad input by e-mail", () => {
  it("sends a forged From of a known body (DMARC fail) to the queue with the checks shown", async () => {
    const k = await onlyRound();
    const raw = await message({
      from: SODERMALM,
      subject: diaryNumber,
      attachments: [await answerDocx()],
      headers: {
        "Authentication-Results":
          "mx.stockholm.example; spf=fail smtp.mailfrom=stockholm.example; dkim=none; dmarc=fail header.from=stockholm.example",
      },
    });
    await receive(raw);
    const row = await recordOf(raw);
    expect([row.status, row.queue_reason]).toEqual(["queued", "authentication_failed"]);
    expect(JSON.parse(row.authentication)).toEqual({ spf: "fail", dkim: "none", dmarc: "fail" });
    expect((await recipient(k, SODERMALM))?.answeredOn).toBeNull();
  });

  it("queues an executable renamed .docx and a ZIP bomb named .docx, registering nothing", async () => {
    const k = await onlyRound();
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(2048, 1)]);
    const bomb = makeZip([
      { name: "[Content_Types].xml", data: "wordprocessingml.document.main+xml" },
      { name: "word/document.xml", data: Buffer.alloc(20 * 1024 * 1024, " ") },
    ]);
    const renamed = await message({
      from: SODERMALM,
      subject: diaryNumber,
      attachments: [{ filename: "remissvar.docx", content: exe }],
    });
    const bombed = await message({
      from: SODERMALM,
      subject: diaryNumber,
      attachments: [{ filename: "remissvar.docx", content: bomb }],
    });
    await receive(renamed, bombed);
    for (const raw of [renamed, bombed])
      expect([(await recordOf(raw)).queue_reason]).toEqual(["file_refused"]);
    expect((await recipient(k, SODERMALM))?.answeredOn).toBeNull();
  });

  it("queues a 60 MB message as too large by the size the server gives, downloading only its header", async () => {
    const k = await onlyRound();
    const raw = await message({
      from: SODERMALM,
      subject: diaryNumber,
      attachments: [{ filename: "remissvar.pdf", content: Buffer.alloc(60 * 1024 * 1024, "%PDF-") }],
    });
    await receive(raw);
    const row = await t.ctx.db
      .selectFrom("received_mail")
      .selectAll()
      .where("message_id", "=", messageIdOf(raw))
      .executeTakeFirstOrThrow();
    expect([row.status, row.queue_reason, row.subject]).toEqual(["queued", "too_large", diaryNumber]);
    expect(Number(row.eml_size)).toBeGreaterThan(60 * 1024 * 1024);
    // What was downloaded and kept is the header: the whole message stays on the mail server.
    const kept = await t.ctx.files.get(row.eml_sha256);
    expect(kept.length).toBeLessThan(64 * 1024);
    expect(raw.subarray(0, kept.length).equals(kept)).toBe(true);
    expect(await imap.count("Registrerat")).toBeGreaterThan(0);
    expect((await recipient(k, SODERMALM))?.answeredOn).toBeNull();
  });

  it("sets a message the intake keeps failing on aside, queued with the error, and takes the ones behind it", async () => {
    const k = await onlyRound();
    const failing = "Meddelande som databasen vägrar";
    await refuseReceivedMailWithSubject(failing);
    try {
      const bad = await message({ from: SODERMALM, subject: failing, attachments: [await answerDocx()] });
      const answer = await message({
        from: SODERMALM,
        subject: diaryNumber,
        attachments: [await answerDocx()],
      });
      const other = await message({ from: "other@example.org", subject: "Fråga om parkering" });
      for (const raw of [bad, answer, other]) await imap.deliver(raw);
      const setAsideBefore = await imap.count("kansli-failed");

      await readRegistryMailbox(t.ctx);
      expect((await recordOf(answer)).status).toBe("answer");
      expect((await recordOf(other)).queue_reason).toBe("no_diary_number");
      expect((await recipient(k, SODERMALM))?.answeredOn).not.toBeNull();
      expect(await imap.count("INBOX")).toBe(1);

      for (let round = 1; round < FAILURES_BEFORE_SET_ASIDE; round++) await readRegistryMailbox(t.ctx);
      expect(await imap.count("INBOX")).toBe(0);
      expect(await imap.count("kansli-failed")).toBe(setAsideBefore + 1);
      const row = await recordOf(bad);
      expect([row.status, row.queue_reason, row.subject]).toEqual(["queued", "intake_failed", failing]);
      expect(row.intake_error).toContain("injected");
      expect(await t.ctx.files.has(row.eml_sha256)).toBe(true);
      // Kept with its attachment, so the registrar can file it.
      const [attachment] = JSON.parse(row.attachments) as { fileName: string; sha256: string }[];
      expect(attachment?.fileName).toBe("remissvar.docx");
      expect(await t.ctx.files.has(attachment?.sha256 ?? "")).toBe(true);

      const registrar = new TestClient(t.app);
      await registrar.login("registrator");
      const queue = await registrar.get("/post");
      expect(queue.body).toContain(failing);
      expect(queue.body).toContain("Kunde inte tas emot automatiskt efter flera försök");
      expect((await registrar.get(`/post/${row.id}`)).body).toContain("Felet vid mottagandet");
    } finally {
      await allowReceivedMail();
    }
  });

  it("keeps malformed MIME without a crash", async () => {
    await onlyRound();
    const raw = Buffer.from(
      `From: ${SODERMALM}\r\nSubject: ${diaryNumber}\r\nMessage-ID: <broken@test.example>\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: application/pdf; name="a.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n--x`,
    );
    await receive(raw);
    const row = await recordOf(raw);
    expect(row.status).toBe("queued");
  });

  it(`works through a mail bomb (${BURST} messages), each kept once, none registered`, async () => {
    await onlyRound();
    const before = await countRows("received_mail");
    const docs = await countRows("documents");
    for (let i = 0; i < BURST; i++)
      await imap.deliver(await message({ from: `spam${i}@spam.example`, subject: `Erbjudande ${i}` }));
    while ((await readRegistryMailbox(t.ctx)) > 0);
    expect(await countRows("received_mail")).toBe(before + BURST);
    expect(await countRows("documents")).toBe(docs);
    expect(await imap.count("INBOX")).toBe(0);
  }, 400_000);
});
