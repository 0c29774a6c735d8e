import { withContext } from "../src/cli/runtime.ts";
import type { Config } from "../src/config.ts";
import { addCivilDays, stockholmDate } from "../src/platform/calendar/civil-date.ts";
import { nextWorkingDay } from "../src/platform/calendar/swedish-days.ts";
import { startSmtpServer } from "../test/helpers/smtp.ts";
import { SEARCH_WORDS } from "./city.ts";
import { letterDocx } from "./docx.ts";
import type { BenchCity } from "./generate.ts";
import { type LoadResult, loadMix, type MixResult, type MixSend } from "./load.ts";
import {
  checkDiaryNumbers,
  checkReminders,
  type DiaryCheck,
  diaryMark,
  type ReminderCheck,
  remindersWaiting,
} from "./multi-process-checks.ts";
import { registrationRequest } from "./registration.ts";
import { cpuMs, freePort, memory, signIn, startKansli, waitReady } from "./server-process.ts";

/**
 * `npm run bench -- --processes N --database-url …`: N kansli processes on one PostgreSQL
 * database and one file folder, with a mixed load sent request by request round-robin (reading
 * cases, the register list and search; opening cases; registering a .docx; a consultation
 * created, sent and answered, each step a request of its own, so a round is typically created on
 * one process and sent from another) while every process runs the reminder worker every 2 s and
 * mails through a real SMTP server. Then the checks: diary numbers consecutive, each reminder
 * mailed once, a session made on one process valid on the others. The same load runs first
 * against one process, so the table sets the two side by side.
 */

export interface ProcessesBench {
  config: Config;
  databaseUrl: string;
  auditKey: string;
  city: BenchCity;
  /** Cases to read, open cases to register into, units to filter by. */
  sample: { cases: string[]; open: string[]; units: string[] };
  processes: number;
  seconds: number;
  connections: number;
  log: (line: string) => void;
}

interface ProcessRun {
  processes: number;
  mix: MixResult;
  cpuMsPerRequest: number;
  peakRssMb: number[];
  sessionsAcross: string;
  diary: DiaryCheck;
  reminders: ReminderCheck;
  firstFailures: string[];
}

const REMINDER_EVERY_SECONDS = 2;
const WARM_UP_SECONDS = 3;

/** Runs the load on one process, then on N; returns the table of both with the checks. */
export async function benchProcesses(b: ProcessesBench): Promise<string[]> {
  const smtp = await startSmtpServer();
  const letters = await Promise.all(Array.from({ length: 8 }, (_, i) => letterDocx(i)));
  const ids = await withContext(b.config, async (ctx) => {
    const officer = await ctx.db
      .selectFrom("users")
      .select("id")
      .where("username", "=", b.city.username)
      .executeTakeFirstOrThrow();
    // A class of the approved scheme in force, as a registrator picks one.
    const klass = await ctx.db
      .selectFrom("classes")
      .innerJoin("classification_schemes as s", "s.id", "classes.scheme_id")
      .select("classes.id")
      .where("s.version", "=", "2019")
      .where("classes.code", "=", "2.4")
      .executeTakeFirstOrThrow();
    return { officerId: officer.id, classId: klass.id };
  });
  const runs: ProcessRun[] = [];
  try {
    for (const n of [1, b.processes]) runs.push(await runOn(b, n, smtp, letters, ids));
  } finally {
    await smtp.close();
  }
  return table(b, runs);
}

async function runOn(
  b: ProcessesBench,
  processes: number,
  smtp: Awaited<ReturnType<typeof startSmtpServer>>,
  letters: Buffer[],
  ids: { officerId: string; classId: string },
): Promise<ProcessRun> {
  const servers: (Awaited<ReturnType<typeof startKansli>> & { base: string })[] = [];
  for (let i = 0; i < processes; i++) {
    const port = await freePort();
    const server = await startKansli(port, {
      KANSLI_AUDIT_KEY: b.auditKey,
      KANSLI_DATA_DIR: b.config.dataDir,
      DATABASE_URL: b.databaseUrl,
      KANSLI_SMTP_URL: smtp.url,
      KANSLI_REMINDER_EVERY_SECONDS: String(REMINDER_EVERY_SECONDS),
    });
    servers.push({ ...server, base: `http://127.0.0.1:${port}` });
  }
  try {
    for (const s of servers) await waitReady(`${s.base}/readyz`);
    const cookie = await signIn(servers[0]?.base ?? "", b.city.username, b.city.password);
    const sessionsAcross = await sessionAcross(
      cookie,
      servers.map((s) => s.base),
    );
    const today = stockholmDate(new Date());
    const year = Number(today.slice(0, 4));
    // A deadline four days on: the reminder seven days before it is due at once.
    const deadline = nextWorkingDay(addCivilDays(today, 4));
    const since = new Date().toISOString();
    const mark = await withContext(b.config, (ctx) => diaryMark(ctx.db, "ks", year));
    const smtpMark = smtp.received.length;
    const tag = since.slice(11, 19);
    let counter = 0;
    const rotate = <T>(items: readonly T[]) => items[counter++ % items.length] as T;
    const api = { authorization: `Bearer ${b.city.token}` };
    const json = { ...api, "content-type": "application/json" };
    const firstFailures: string[] = [];

    const steps: ((send: MixSend) => Promise<unknown>)[] = [
      (send) =>
        send({
          path: `/arenden/${rotate(b.sample.cases)}`,
          headers: { cookie },
          expect: 200,
          label: "case page",
        }),
      (send) =>
        send({
          path: `/arenden?unitId=${rotate(b.sample.units)}`,
          headers: { cookie },
          expect: 200,
          label: "register list",
        }),
      (send) =>
        send({
          path: `/arenden/${rotate(b.sample.cases)}`,
          headers: { cookie },
          expect: 200,
          label: "case page",
        }),
      (send) =>
        send({
          path: `/sok?q=${encodeURIComponent(SEARCH_WORDS.common)}`,
          headers: { cookie },
          expect: 200,
          label: "search",
        }),
      (send) =>
        send({
          method: "POST",
          path: "/api/v1/cases",
          headers: json,
          body: JSON.stringify({
            registryId: "ks",
            title: `Samarbete ${tag}-${counter++} om vattenfrågor med Riga`,
            classId: ids.classId,
            unitId: rotate(b.sample.units),
          }),
          expect: 201,
          label: "open a case (new diary number)",
        }),
      (send) =>
        send({
          path: `/arenden/${rotate(b.sample.cases)}`,
          headers: { cookie },
          expect: 200,
          label: "case page",
        }),
      (send) =>
        send({
          ...registrationRequest(rotate(b.sample.open), b.city.token, rotate(letters), counter++),
          expect: 201,
          label: "register a 200 KB .docx",
        }),
      (send) =>
        consultationFlow(send, rotate(b.sample.open), `${tag}-${counter++}`, deadline, ids.officerId, json),
    ];
    let turn = 0;
    const mixOf = (seconds: number) =>
      loadMix({
        urls: servers.map((s) => s.base),
        seconds,
        connections: b.connections,
        step: async (send) => {
          const step = steps[turn++ % steps.length];
          await step?.(send).catch((error: unknown) => {
            if (firstFailures.length < 5) firstFailures.push(String(error));
            throw error;
          });
        },
      });
    b.log(`${processes} process(es): ${WARM_UP_SECONDS} s of warm-up, then ${b.seconds} s of mixed load`);
    // A few seconds first, not measured (every process's first requests load and compile code);
    // the checks cover them too.
    await mixOf(WARM_UP_SECONDS);
    const cpuBefore = servers.map((s) => cpuMs(s.child.pid));
    const mix = await mixOf(b.seconds);
    const cpuMsPerRequest =
      servers.reduce((sum, s, i) => sum + (cpuMs(s.child.pid) - (cpuBefore[i] ?? 0)), 0) /
      Math.max(mix.requests, 1);
    // Every process's worker looks again after the load; wait for the reminders it queued to be mailed.
    await new Promise((r) => setTimeout(r, 3 * REMINDER_EVERY_SECONDS * 1000));
    const checks = await withContext(b.config, async (ctx) => {
      for (let i = 0; i < 120 && (await remindersWaiting(ctx.db, since)) > 0; i++)
        await new Promise((r) => setTimeout(r, 1000));
      return {
        diary: await checkDiaryNumbers(ctx.db, "ks", year, mark),
        reminders: await checkReminders(ctx.db, since, smtp.received.slice(smtpMark)),
      };
    });
    return {
      processes,
      mix,
      cpuMsPerRequest,
      peakRssMb: servers.map((s) => memory(s.child.pid).peakMb),
      sessionsAcross,
      firstFailures,
      ...checks,
    };
  } finally {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.child.once("exit", () => resolve());
            s.child.kill("SIGTERM");
          }),
      ),
    );
  }
}

/** A session made on the first process, used on each of the others: their answer. */
async function sessionAcross(cookie: string, bases: string[]): Promise<string> {
  if (bases.length < 2) return "–";
  const answers = await Promise.all(
    bases.slice(1).map((base) => fetch(`${base}/arenden`, { headers: { cookie }, redirect: "manual" })),
  );
  return answers.every((r) => r.status === 200)
    ? "yes (signed in on process 1, 200 on the others)"
    : `NO (${answers.map((r) => r.status).join(", ")})`;
}

/** A round created on one process, sent from the next, one body's answer registered on the next. */
async function consultationFlow(
  send: MixSend,
  caseId: string,
  tag: string,
  deadline: string,
  officerId: string,
  json: Record<string, string>,
) {
  const created = JSON.parse(
    await send({
      method: "POST",
      path: "/api/v1/consultations",
      headers: json,
      body: JSON.stringify({
        caseId,
        title: `Remiss ${tag} om samarbete kring klimatanpassning`,
        deadline,
        instructions: "Svara som Word-fil.",
        officerId,
        groups: ["district"],
      }),
      expect: 201,
      label: "consultation: create",
    }),
  ) as { id: string };
  const sent = JSON.parse(
    await send({
      method: "POST",
      path: `/api/v1/consultations/${created.id}/send`,
      headers: json,
      body: "{}",
      expect: 200,
      label: "consultation: send",
    }),
  ) as { recipients: { id: string }[] };
  const first = sent.recipients[0];
  if (!first) return;
  await send({
    method: "POST",
    path: `/api/v1/consultations/${created.id}/recipients/${first.id}/answer`,
    headers: json,
    body: JSON.stringify({ text: "Stadsdelsnämnden tillstyrker förslaget." }),
    expect: 201,
    label: "consultation: answer",
  });
}

function table(b: ProcessesBench, runs: ProcessRun[]): string[] {
  const labels = [...new Set(runs.flatMap((r) => [...r.mix.rows.keys()]))];
  const fmt = (n: number | undefined, digits = 1) =>
    n === undefined || Number.isNaN(n) ? "–" : n.toFixed(digits);
  const cell = (r: ProcessRun, label: string, f: (x: LoadResult) => number, digits = 1) => {
    const row = r.mix.rows.get(label);
    return row ? fmt(f(row), digits) : "–";
  };
  const head = runs.map((r) => `${r.processes} process${r.processes > 1 ? "es" : ""}`);
  const yes = (ok: boolean) => (ok ? "yes" : "NO");
  return [
    `${b.city.cases.toLocaleString("sv-SE")} cases on postgres; ${b.seconds} s of mixed load, ${b.connections} users, requests round-robin over the processes; reminder worker every ${REMINDER_EVERY_SECONDS} s in each process`,
    "",
    `| request | ${head.map((h) => `${h} req/s | p50 ms | p95 ms | failures`).join(" | ")} |`,
    `|---|${runs.map(() => "---:|---:|---:|---:").join("|")}|`,
    ...labels.map(
      (label) =>
        `| ${label} | ${runs
          .map(
            (r) =>
              `${cell(r, label, (x) => x.perSecond)} | ${cell(r, label, (x) => x.p50)} | ${cell(r, label, (x) => x.p95)} | ${cell(r, label, (x) => x.failures, 0)}`,
          )
          .join(" | ")} |`,
    ),
    `| **all requests** | ${runs.map((r) => `${fmt(r.mix.perSecond)} | | | ${[...r.mix.rows.values()].reduce((n, x) => n + x.failures, 0)}`).join(" | ")} |`,
    "",
    `| check | ${head.join(" | ")} |`,
    `|---|${runs.map(() => "---").join("|")}|`,
    `| requests per process | ${runs.map((r) => r.mix.perServer.join(" / ")).join(" | ")} |`,
    `| server CPU ms a request (all processes) | ${runs.map((r) => fmt(r.cpuMsPerRequest, 2)).join(" | ")} |`,
    `| peak RSS MB per process | ${runs.map((r) => r.peakRssMb.join(" / ")).join(" | ")} |`,
    `| cases opened, diary numbers | ${runs.map((r) => `${r.diary.opened}: ${r.diary.first ?? "–"}…${r.diary.last ?? "–"}`).join(" | ")} |`,
    `| diary numbers consecutive (no gap, none twice, counter at the last) | ${runs.map((r) => `${yes(r.diary.gaps.length === 0 && r.diary.duplicates.length === 0 && r.diary.counterAgrees)}${r.diary.gaps.length ? ` gaps ${r.diary.gaps.slice(0, 5).join(",")}` : ""}${r.diary.duplicates.length ? ` twice ${r.diary.duplicates.slice(0, 5).join(",")}` : ""}`).join(" | ")} |`,
    `| reminders due and written (one row per body and key) | ${runs.map((r) => `${r.reminders.reminders}${r.reminders.repeatedKeys ? ` (${r.reminders.repeatedKeys} repeated!)` : ""}`).join(" | ")} |`,
    `| reminder mails queued / received by SMTP | ${runs.map((r) => `${r.reminders.queued} / ${r.reminders.received}`).join(" | ")} |`,
    `| each reminder mailed exactly once | ${runs.map((r) => `${yes(r.reminders.reminders === r.reminders.queued && r.reminders.missing === 0 && r.reminders.extra === 0 && r.reminders.repeatedKeys === 0)}${r.reminders.missing ? ` ${r.reminders.missing} missing` : ""}${r.reminders.extra ? ` ${r.reminders.extra} extra` : ""}`).join(" | ")} |`,
    `| session from process 1 works on the others | ${runs.map((r) => r.sessionsAcross).join(" | ")} |`,
    ...(runs.some((r) => r.firstFailures.length)
      ? ["", "first failures:", ...runs.flatMap((r) => r.firstFailures.map((f) => `- ${r.processes}: ${f}`))]
      : []),
  ];
}
