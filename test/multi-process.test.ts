import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkDiaryNumbers,
  checkReminders,
  diaryMark,
  remindersWaiting,
} from "../bench/multi-process-checks.ts";
import { signIn } from "../bench/server-process.ts";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { createConsultation, runDueReminders, sendConsultation } from "../src/consultation/index.ts";
import { addCivilDays, stockholmDate } from "../src/platform/calendar/civil-date.ts";
import { nextWorkingDay } from "../src/platform/calendar/swedish-days.ts";
import { deliverPending, mailTransport } from "../src/platform/mail/mail.service.ts";
import { buildTestApp, DEMO_PASSWORD, type TestApp } from "./helpers/app.ts";
import { cliEnv, type RunningServer, startServer } from "./helpers/cli.ts";
import { TEST_DIALECT } from "./helpers/database.ts";
import { demoActor, demoClassId } from "./helpers/demo.ts";
import { startSmtpServer } from "./helpers/smtp.ts";

/**
 * Two real `kansli serve` processes on one PostgreSQL database and one file folder, each running
 * the reminder worker every second and mailing through a real SMTP server: diary numbers stay
 * consecutive under registrations sent to both at once, each due reminder is mailed once in
 * total, and a session made on one process holds (and ends) on the other. PostgreSQL only: on
 * SQLite a second server on the same data folder is refused at start (one writer per file,
 * src/platform/db/single-writer.ts, tested in test/single-writer.test.ts), so there is no second
 * process to agree with.
 */
const ROUNDS = 3;
const REGISTRATIONS = 24;

describe.runIf(TEST_DIALECT === "postgres")("two kansli processes on one PostgreSQL database", () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let servers: RunningServer[] = [];
  let token = "";
  let due = 0;
  /** After the demo's own due reminders are out: what the two processes mail is counted from here. */
  let since = "";
  let smtpMark = 0;
  const today = stockholmDate(new Date());
  // The reminder seven days before the deadline is due at once.
  const deadline = nextWorkingDay(addCivilDays(today, 3));
  let caseId = "";

  const api = (server: RunningServer, method: "GET" | "POST", path: string, body?: object) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const server = (i: number) => servers[i % servers.length] as RunningServer;

  beforeAll(async () => {
    t = await buildTestApp();
    smtp = await startSmtpServer();
    // The demo's rounds may have reminders due today: sent and mailed here first, so that only the
    // reminders of this test's rounds are left for the processes.
    await runDueReminders(t.ctx);
    const transport = mailTransport({ ...t.config, smtpUrl: smtp.url });
    if (transport) await deliverPending(t.ctx, transport, 1000);
    transport?.close();
    since = new Date().toISOString();
    smtpMark = smtp.received.length;
    const registrator = await findUserByUsername(t.ctx.db, t.config.tenantId, "registrator");
    if (!registrator) throw new Error("the demo registrator is missing");
    token = (await createToken(t.ctx, "system", registrator, { name: "multi-process" })).token;
    caseId = (
      await t.ctx.db
        .selectFrom("cases")
        .select("id")
        .where("diary_number", "=", "KS 171-482/2016")
        .executeTakeFirstOrThrow()
    ).id;
    // Rounds sent before the processes start: both find their reminders due in their first pass.
    const officer = await demoActor(t, "handlaggare");
    for (let i = 0; i < ROUNDS; i++) {
      const { consultation } = await createConsultation(t.ctx, officer, caseId, {
        title: `Remiss ${i + 1} före start om stadens internationella arbete`,
        deadline,
        instructions: "Svara som Word-fil.",
        officerId: officer.id,
        groups: ["district", "specialist", "company"],
      });
      const { district, specialist, other } = consultation.recipients;
      due += district.length + specialist.length + other.length;
      await sendConsultation(t.ctx, officer, consultation.id);
    }
    const env = { ...cliEnv(t.database), KANSLI_SMTP_URL: smtp.url, KANSLI_REMINDER_EVERY_SECONDS: "1" };
    servers = await Promise.all([
      startServer(["serve", "--port", "0"], env),
      startServer(["serve", "--port", "0"], env),
    ]);
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) await s.stop();
    await smtp?.close();
    await t?.close();
  });

  it("give consecutive diary numbers to cases registered on both at once", { timeout: 120_000 }, async () => {
    const year = Number(today.slice(0, 4));
    const mark = await diaryMark(t.ctx.db, "ks", year);
    const classId = await demoClassId(t, "2019", "2.4");
    const answers = await Promise.all(
      Array.from({ length: REGISTRATIONS }, (_, i) =>
        api(server(i), "POST", "/api/v1/cases", {
          registryId: "ks",
          title: `Samarbete ${i + 1} om vattenfrågor med Riga`,
          classId,
          unitId: "slk",
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const numbers = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { diaryNumber: string }).diaryNumber),
    );
    expect(new Set(numbers).size).toBe(REGISTRATIONS);
    expect(await checkDiaryNumbers(t.ctx.db, "ks", year, mark)).toEqual({
      opened: REGISTRATIONS,
      first: mark + 1,
      last: mark + REGISTRATIONS,
      gaps: [],
      duplicates: [],
      counterAgrees: true,
    });
  });

  it("mail each due reminder once, however many passes both workers make", { timeout: 120_000 }, async () => {
    // Rounds sent through the processes while they run, alternately: their reminders too.
    for (let i = 0; i < 2; i++) {
      const created = await api(server(i), "POST", "/api/v1/consultations", {
        caseId,
        title: `Remiss ${i + 1} under drift om stadens internationella arbete`,
        deadline,
        instructions: "Svara som Word-fil.",
        officerId: (await demoActor(t, "handlaggare")).id,
        groups: ["district"],
      });
      expect(created.status).toBe(201);
      const id = ((await created.json()) as { id: string }).id;
      const sent = await api(server(i + 1), "POST", `/api/v1/consultations/${id}/send`, {});
      expect(sent.status).toBe(200);
      due += ((await sent.json()) as { recipients: unknown[] }).recipients.length;
    }
    const deadlineAt = Date.now() + 60_000;
    const rows = () => checkReminders(t.ctx.db, since, smtp.received.slice(smtpMark));
    while (
      Date.now() < deadlineAt &&
      ((await rows()).reminders < due || (await remindersWaiting(t.ctx.db, since)) > 0)
    )
      await new Promise((r) => setTimeout(r, 500));
    // Several more passes of both workers and the mail loops (every 1 s and 3 s) change nothing.
    await new Promise((r) => setTimeout(r, 7000));
    expect(await rows()).toEqual({
      reminders: due,
      queued: due,
      received: due,
      missing: 0,
      extra: 0,
      repeatedKeys: 0,
    });
  });

  it("keep a session made on one process on the other, and end it there for both", {
    timeout: 60_000,
  }, async () => {
    const [a, b] = [server(0), server(1)];
    const cookie = await signIn(a.url, "registrator", DEMO_PASSWORD);
    const onB = await fetch(`${b.url}/arenden`, { headers: { cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    // The sign-out form's CSRF token from process B, checked by B against the database's key.
    const csrf = /action="\/logga-ut"[\s\S]*?name="_csrf" value="([^"]+)"/.exec(await onB.text())?.[1];
    expect(csrf).toBeTruthy();
    const out = await fetch(`${b.url}/logga-ut`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: csrf ?? "" }),
    });
    expect(out.status).toBe(303);
    const onA = await fetch(`${a.url}/arenden`, { headers: { cookie }, redirect: "manual" });
    expect(onA.status).toBe(303);
    expect(onA.headers.get("location")).toMatch(/^\/logga-in/);
  });
});
