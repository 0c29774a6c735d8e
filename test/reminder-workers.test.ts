import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConsultation, runDueReminders, sendConsultation } from "../src/consultation/index.ts";
import { addCivilDays, stockholmDate } from "../src/platform/calendar/civil-date.ts";
import { nextWorkingDay } from "../src/platform/calendar/swedish-days.ts";
import { openDatabase } from "../src/platform/db/database.ts";
import { buildTestApp, type TestApp } from "./helpers/app.ts";
import { cliEnv, runCli } from "./helpers/cli.ts";
import { TEST_DIALECT } from "./helpers/database.ts";
import { demoActor } from "./helpers/demo.ts";

/**
 * Reminders go out exactly once however many workers look for them at the same moment: real
 * `kansli remind` processes on the same database, and on PostgreSQL two connection pools in one
 * process whose transactions are sure to overlap. Uses the real clock, as the processes do.
 */
const ROUNDS = 4;

let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t.close();
});

let rounds = 0;
/** Sends `count` rounds to every committee and company; returns how many reminders are due now. */
async function sendRounds(count: number): Promise<number> {
  const officer = await demoActor(t, "handlaggare");
  const caseId = (
    await t.ctx.db
      .selectFrom("cases")
      .select("id")
      .where("diary_number", "=", "KS 171-482/2016")
      .executeTakeFirstOrThrow()
  ).id;
  // A deadline a few working days ahead: the reminder seven days before it is due today.
  const today = stockholmDate(new Date());
  const deadline = nextWorkingDay(addCivilDays(today, 3));
  let due = 0;
  for (let i = 0; i < count; i += 1) {
    rounds += 1;
    const { consultation } = await createConsultation(t.ctx, officer, caseId, {
      title: `Remiss ${rounds} om stadens internationella arbete`,
      deadline,
      instructions: "Svara som Word-fil.",
      officerId: officer.id,
      groups: ["district", "specialist", "company"],
    });
    const { district, specialist, other } = consultation.recipients;
    due += district.length + specialist.length + other.length;
    await sendConsultation(t.ctx, officer, consultation.id);
  }
  return due;
}

const remindersSent = async () => {
  const rows = await t.ctx.db
    .selectFrom("consultation_reminders")
    .select(["recipient_id", "reminder_key"])
    .execute();
  const mails = await t.ctx.db
    .selectFrom("mail_outbox")
    .select("subject")
    .where("subject", "like", "%Påminnelse%")
    .execute();
  return {
    rows: rows.length,
    distinct: new Set(rows.map((r) => `${r.recipient_id} ${r.reminder_key}`)).size,
    mails: mails.length,
  };
};

const delta = (before: Awaited<ReturnType<typeof remindersSent>>, after: typeof before) => [
  after.rows - before.rows,
  after.distinct - before.distinct,
  after.mails - before.mails,
];

describe("reminders with several workers", () => {
  it.runIf(TEST_DIALECT === "postgres")(
    "are sent once by two connection pools running at the same time",
    async () => {
      const before = await remindersSent();
      const due = await sendRounds(ROUNDS);
      const second = openDatabase(t.database.target);
      try {
        const results = await Promise.all([
          runDueReminders(t.ctx),
          runDueReminders({ ...t.ctx, db: second.db }),
        ]);
        expect(results.reduce((n, r) => n + r.sent, 0)).toBe(due);
        expect(delta(before, await remindersSent())).toEqual([due, due, due]);
      } finally {
        await second.close();
      }
    },
  );

  it("are sent once by three `kansli remind` processes started together, and not again by a fourth", {
    timeout: 120_000,
  }, async () => {
    const before = await remindersSent();
    const due = await sendRounds(ROUNDS);
    const env = cliEnv(t.database);
    const runs = await Promise.all([
      runCli(["remind"], env),
      runCli(["remind"], env),
      runCli(["remind"], env),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const sentByProcesses = runs.reduce(
      (n, r) => n + Number(/sent (\d+)/.exec(r.stdout)?.[1] ?? Number.NaN),
      0,
    );
    expect(sentByProcesses).toBe(due);
    const after = await remindersSent();
    expect(delta(before, after)).toEqual([due, due, due]);

    const again = await runCli(["remind"], env);
    expect(again.stdout).toContain("sent 0 reminder(s)");
    expect(delta(after, await remindersSent())).toEqual([0, 0, 0]);
  });
});
