/**
 * `npm run soak -- [--minutes 30] [--warmup-minutes 3] [--probe-seconds 20] [--cases 2000]
 *   [--connections 8] [--report-seconds 60] [--database-url URL] [--data-dir DIR]
 *   [--allowed-growth 10] [--gc-before-reading]`
 *
 * A soak: starts kansli as its own process on a generated city (SQLite in a new temporary data
 * folder unless `--data-dir`; PostgreSQL with `--database-url`), measures the greatest rate of a
 * mix of the traffic its users make (pages, search, registrations with a .docx, the API, each
 * signed in as the role that uses it) for `--probe-seconds`, then sends that mix at half that
 * rate for `--minutes`. Every `--report-seconds` it prints the requests, the errors by status,
 * p50/p99 latency and the server's memory (RSS from /proc, heap used from /metrics).
 *
 * Warm-up is the first `--warmup-minutes`: the memory it reports at the first report after
 * warm-up is where memory settled. The soak passes when no request failed and the RSS of the
 * last report is within 10% (`--allowed-growth`) of that settled RSS; otherwise it exits with code 1.
 *
 * `--gc-before-reading` starts the server with its inspector open and has it collect its garbage
 * before each reading, and adds the heap still in use after that collection to the line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createToken } from "../src/auth/tokens.service.ts";
import { findUserByUsername } from "../src/auth/users.store.ts";
import { withContext } from "../src/cli/runtime.ts";
import { loadConfig } from "../src/config.ts";
import { SEARCH_WORDS } from "./city.ts";
import { letterDocx } from "./docx.ts";
import { generateCity } from "./generate.ts";
import { load } from "./load.ts";
import { registrationRequest } from "./registration.ts";
import { freePort, memory, signIn, startKansli, waitReady } from "./server-process.ts";
import { inspectorSession } from "./soak-inspector.ts";
import { newWindow, record, type Window, windowLine } from "./soak-window.ts";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "30" },
    "warmup-minutes": { type: "string", default: "3" },
    "probe-seconds": { type: "string", default: "20" },
    "report-seconds": { type: "string", default: "60" },
    cases: { type: "string", default: "2000" },
    connections: { type: "string", default: "8" },
    "database-url": { type: "string" },
    "data-dir": { type: "string" },
    // Collect the server's garbage before each memory reading (through the inspector), to tell a
    // leak from a heap that has not been collected yet. Changes what it measures: off by default.
    "gc-before-reading": { type: "boolean", default: false },
    // Percent: the short soak of the test suite, over seconds, measures no leak and raises it.
    "allowed-growth": { type: "string", default: "10" },
  },
});
const minutes = Number(args.minutes);
const warmupSeconds = Number(args["warmup-minutes"]) * 60;
const probeSeconds = Number(args["probe-seconds"]);
const reportSeconds = Number(args["report-seconds"]);
const cases = Number(args.cases);
const connections = Number(args.connections);
const databaseUrl = args["database-url"];
/** How far the RSS may end above where it settled after warm-up. */
const ALLOWED_GROWTH = Number(args["allowed-growth"]) / 100;
const log = (line: string) => process.stdout.write(`${line}\n`);
const ownDataDir = !args["data-dir"];
const dataDir = path.resolve(args["data-dir"] ?? fs.mkdtempSync(path.join(os.tmpdir(), "kansli-soak-")));
// The generator and the server must key the audit trail alike.
const auditKey = "kansli-soak-audit-key-not-a-secret";
const config = loadConfig({
  KANSLI_AUDIT_KEY: auditKey,
  KANSLI_DATA_DIR: dataDir,
  KANSLI_LOG_LEVEL: "silent",
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
});
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

log(
  `kansli soak: ${minutes} min on ${databaseUrl ? "postgres" : "sqlite"} (${dataDir}), ${cases} cases, ${connections} connections; load average ${loadAverage()} on ${os.cpus().length} CPUs`,
);
const city = await generateCity(config, cases, log);
const sample = await withContext(config, async (ctx) => {
  const ids = async (table: "cases" | "consultations", n: number, open = false) =>
    (
      await ctx.db
        .selectFrom(table)
        .select("id")
        .$call((b) => (open ? b.where("status", "=", "open") : b))
        .orderBy("created_at", "desc")
        .limit(n)
        .execute()
    ).map((r) => r.id);
  const admin = await findUserByUsername(ctx.db, config.tenantId, "admin");
  if (!admin) throw new Error("the demo admin is missing");
  return {
    cases: await ids("cases", 1000),
    // Registrations spread over many open cases, so no single case grows without end.
    open: await ids("cases", 1000, true),
    consultations: await ids("consultations", 50),
    // /metrics answers admins only.
    adminToken: (await createToken(ctx, "system", admin, { name: `soak ${new Date().toISOString()}` })).token,
  };
});
if (sample.consultations.length === 0) throw new Error("the city has no consultations to show");

const port = await freePort();
const inspectPort = args["gc-before-reading"] ? await freePort() : null;
const server = await startKansli(
  port,
  {
    KANSLI_AUDIT_KEY: auditKey,
    KANSLI_DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  },
  inspectPort ? [`--inspect=127.0.0.1:${inspectPort}`] : [],
);
const pid = server.child.pid;
let serverExit: string | null = null;
server.child.on("exit", (code, signal) => {
  serverExit = `the server exited (${signal ?? code})`;
});
const base = `http://127.0.0.1:${port}`;
await waitReady(`${base}/readyz`);
log(`server pid ${pid} at ${base}; RSS ${memory(pid).currentMb} MB before any request`);
const inspector = inspectPort ? await inspectorSession(inspectPort) : null;

// One after another: the sign-in throttle counts each attempt from an address until its password
// is checked, so parallel sign-ins from one address are answered 429.
const as = {} as Record<"registrator" | "handlaggare" | "remissinstans" | "lasare", string>;
for (const role of ["registrator", "handlaggare", "remissinstans", "lasare"] as const)
  as[role] = await signIn(base, role, city.password);
const letters = await Promise.all(Array.from({ length: 8 }, (_, i) => letterDocx(i)));

let turn = 0;
const pick = <T>(items: readonly T[]) => items[turn % items.length] as T;
const q = (words: string) => encodeURIComponent(words);
const words = Object.values(SEARCH_WORDS);
type Request = ReturnType<Parameters<typeof load>[0]["next"]>;
const page =
  (cookie: string, url: () => string): (() => Request) =>
  () => ({ path: url(), headers: { cookie } });
const api =
  (url: () => string): (() => Request) =>
  () => ({ path: `/api/v1${url()}`, headers: { authorization: `Bearer ${city.token}` } });
/** The mix, each kind of request as often as it is listed: mostly pages, some API, a registration now and then. */
const mix: (() => Request)[] = [
  page(as.registrator, () => "/"),
  page(as.registrator, () => "/arenden"),
  page(as.registrator, () => `/arenden/${pick(sample.cases)}`),
  page(as.registrator, () => `/arenden/${pick(sample.cases)}`),
  page(as.registrator, () => `/sok?q=${q(pick(words))}`),
  page(as.handlaggare, () => "/"),
  page(as.handlaggare, () => `/arenden/${pick(sample.cases)}`),
  page(as.handlaggare, () => "/remisser"),
  page(as.handlaggare, () => `/remisser/${pick(sample.consultations)}`),
  page(as.remissinstans, () => "/mina-remisser"),
  page(as.lasare, () => `/sok?q=${q(pick(words))}`),
  page(as.lasare, () => `/arenden/${pick(sample.cases)}`),
  () => ({ path: `/offentlig?q=${q(pick(words))}` }),
  api(() => `/cases?status=open`),
  api(() => `/cases/${pick(sample.cases)}`),
  api(() => `/search?q=${q(pick(words))}`),
  api(() => "/consultations"),
  api(() => `/consultations/${pick(sample.consultations)}`),
  () => registrationRequest(pick(sample.open), city.token, pick(letters), turn),
];
const next = (): Request => {
  const request = (mix[turn % mix.length] as () => Request)();
  turn++;
  return request;
};

/**
 * The server's memory: RSS from /proc (what the operating system gives it) and V8's heap from
 * /metrics, both as the traffic left them; then, with `--gc-before-reading`, the same after a full
 * collection.
 */
async function serverMemory(): Promise<{ rssMb: number; heapMb: number; live: string }> {
  const text = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${sample.adminToken}` } })
    .then((r) => r.text())
    .catch(() => "");
  const heap = Number(/^kansli_nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1] ?? Number.NaN);
  const rssMb = memory(pid).currentMb;
  const gc = await inspector?.afterGc();
  const live = gc
    ? `; after a full GC: RSS ${gc.rss} MB, heap used ${gc.heapUsed} of ${gc.heapTotal} MB, external ${gc.external} MB`
    : "";
  return { rssMb, heapMb: Math.round(heap / 1024 / 1024), live };
}

const errors = new Map<string, number>();
const countErrors = (w: Window) => {
  for (const [status, n] of w.errors) errors.set(status, (errors.get(status) ?? 0) + n);
};

// The probe: the mix as fast as the server answers it.
const probe = newWindow();
const probed = await load({
  url: base,
  seconds: probeSeconds,
  connections,
  next,
  expect: 200,
  onResponse: (status, ms) => record(probe, status, ms),
  onError: (e) => record(probe, e.message, Number.NaN),
});
countErrors(probe);
const rate = Math.max(1, Math.round(probed.perSecond / 2));
log(
  `probe: ${windowLine(probe, probeSeconds)}; at most ${probed.perSecond.toFixed(0)} requests/s, the soak sends ${rate}/s; RSS ${memory(pid).currentMb} MB`,
);
log(
  `warm-up: the first ${Number(args["warmup-minutes"])} min; the RSS after it is the baseline, and an RSS more than ${Math.round(ALLOWED_GROWTH * 100)}% above it at the end fails`,
);

// The soak: half that rate, a line per report interval.
const started = Date.now();
let window = newWindow();
const reports: { at: number; rssMb: number; heapMb: number }[] = [];
let reporting = Promise.resolve();
const report = async () => {
  const done = window;
  window = newWindow();
  countErrors(done);
  const at = (Date.now() - started) / 1000;
  const mem = await serverMemory();
  reports.push({ at, ...mem });
  const clock = `${String(Math.floor(at / 60)).padStart(2, "0")}:${String(Math.round(at % 60)).padStart(2, "0")}`;
  log(
    `[${clock}] ${windowLine(done, (Date.now() - done.started) / 1000)}; RSS ${mem.rssMb} MB, heap used ${mem.heapMb} MB${mem.live}; load ${loadAverage()}`,
  );
};
const timer = setInterval(() => {
  reporting = reporting.then(report);
}, reportSeconds * 1000);
await load({
  url: base,
  seconds: minutes * 60,
  connections,
  overallRate: rate,
  next,
  expect: 200,
  onResponse: (status, ms) => record(window, status, ms),
  onError: (e) => record(window, e.message, Number.NaN),
});
clearInterval(timer);
await reporting;
// The last, shorter interval when the soak's length is not a whole number of them.
if (Date.now() - window.started >= (reportSeconds * 1000) / 2) await report();
else countErrors(window);
const peakMb = serverExit ? Number.NaN : memory(pid).peakMb;
inspector?.close();
server.child.kill("SIGTERM");

const afterWarmup = reports.find((r) => r.at >= warmupSeconds - 1) ?? reports[0];
const last = reports.at(-1);
const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
const growth = afterWarmup && last ? last.rssMb / afterWarmup.rssMb - 1 : Number.NaN;
const memoryOk = growth <= ALLOWED_GROWTH;
log(
  `errors: ${errorCount === 0 ? "none" : [...errors].map(([s, n]) => `${s} ×${n}`).join(", ")}${serverExit ? `; ${serverExit}` : ""}`,
);
log(
  `memory: RSS ${afterWarmup?.rssMb} MB after warm-up (heap used ${afterWarmup?.heapMb} MB), ${last?.rssMb} MB at the end (heap used ${last?.heapMb} MB): ${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}%, ${memoryOk ? "within" : "beyond"} ${ALLOWED_GROWTH * 100}%; peak RSS ${peakMb} MB`,
);
const pass = errorCount === 0 && memoryOk && !serverExit;
log(`soak ${pass ? "passed" : "FAILED"}; load average ${loadAverage()}`);
if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(pass ? 0 : 1);
