/**
 * `npm run bench -- [--cases N] [--database-url URL [--sqlite]] [--seconds S] [--runs R] [--only TEXT] [--processes N]`
 *
 * Generates (or reuses) a city of N cases with five documents each, starts kansli and a bare
 * Fastify route as separate processes, loads each page in turn, times the raw SQL of each page
 * in this process, and prints p50/p95 latency, requests per second and the ratios to both
 * baselines, as medians over R runs. Results go to bench/results/ as JSON. `--only` loads just
 * the pages whose name contains TEXT, or one of several TEXTs separated by commas (and the bare
 * route, the baseline of every ratio: "× bare CPU" is a page's server CPU per request over the bare
 * route's, measured in the same run). With
 * `--database-url` the city is on PostgreSQL; adding `--sqlite` measures an SQLite city of the
 * same size too, one after the other, and prints both tables at the end. `--processes N` (with
 * `--database-url`) runs N kansli processes on the one database instead, with a mixed load sent
 * round-robin, beside one process, and checks what they must agree on (bench/processes.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { withContext } from "../src/cli/runtime.ts";
import { loadConfig } from "../src/config.ts";
import { SEARCH_WORDS } from "./city.ts";
import { letterDocx } from "./docx.ts";
import { generateCity } from "./generate.ts";
import { type LoadResult, load, median } from "./load.ts";
import { benchProcesses } from "./processes.ts";
import {
  type RawResult,
  rawCasePage,
  rawRegisterList,
  rawRegistration,
  rawSearch,
  timeRaw,
} from "./raw-sql.ts";
import { registrationRequest } from "./registration.ts";
import { cpuMs, freePort, memory, signIn, startKansli, startProcess, waitReady } from "./server-process.ts";

const { values: args } = parseArgs({
  options: {
    cases: { type: "string", default: "100000" },
    "database-url": { type: "string" },
    seconds: { type: "string", default: "10" },
    runs: { type: "string", default: "3" },
    connections: { type: "string", default: "4" },
    "data-dir": { type: "string" },
    only: { type: "string" },
    sqlite: { type: "boolean", default: false },
    processes: { type: "string", default: "1" },
  },
});
const cases = Number(args.cases);
const seconds = Number(args.seconds);
const runs = Number(args.runs);
const connections = Number(args.connections);
const processes = Number(args.processes);
const root = path.resolve(import.meta.dirname, "..");
const log = (line: string) => process.stdout.write(`${line}\n`);
// The databases to measure: PostgreSQL when given, SQLite when no URL is given or when asked for.
const databaseUrls = [
  ...(args["database-url"] ? [args["database-url"]] : []),
  ...(!args["database-url"] || args.sqlite ? [null] : []),
];
if (args["data-dir"] && databaseUrls.length > 1) throw new Error("--data-dir is for one database at a time");

// The generator and the server must key the audit trail alike; PostgreSQL needs a key set.
const auditKey = "kansli-bench-audit-key-not-a-secret";

const tables: string[][] = [];
for (const databaseUrl of databaseUrls) tables.push(await benchDatabase(databaseUrl));
// Every table at the end, so one command's output compares the databases.
for (const table of tables) {
  log("");
  for (const line of table) log(line);
}

/** Generates or reuses the city on one database, measures every page, writes the JSON; returns the table. */
async function benchDatabase(databaseUrl: string | null): Promise<string[]> {
  const dialect = databaseUrl ? "postgres" : "sqlite";
  const dataDir = path.resolve(args["data-dir"] ?? path.join(root, "bench-out", `${dialect}-${cases}`));
  const config = loadConfig({
    KANSLI_AUDIT_KEY: auditKey,
    KANSLI_DATA_DIR: dataDir,
    KANSLI_LOG_LEVEL: "silent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });

  log(
    `kansli bench: ${cases.toLocaleString("sv-SE")} cases on ${dialect}, ${runs} run(s) of ${seconds} s per page, ${connections} connections`,
  );
  const generationStart = Date.now();
  const city = await generateCity(config, cases, log);
  const generationSeconds = (Date.now() - generationStart) / 1000;
  log(`city ready in ${generationSeconds.toFixed(0)} s`);

  const sample = await withContext(config, async (ctx) => {
    const some = async (status: "open" | "closed" | null, n: number) =>
      (
        await ctx.db
          .selectFrom("cases")
          .select("id")
          .$call((b) => (status === null ? b : b.where("status", "=", status)))
          .orderBy("seq", "desc")
          .limit(n)
          .execute()
      ).map((r) => r.id);
    return {
      cases: await some(null, 2000),
      open: await some("open", 20000),
      units: (await ctx.db.selectFrom("units").select("id").execute()).map((u) => u.id),
    };
  });

  // Several processes share one database only on PostgreSQL (SQLite: one server per data folder).
  if (processes > 1) {
    if (!databaseUrl) {
      log("several processes need PostgreSQL: SQLite allows one server per data folder; skipped");
      return [];
    }
    const table = await benchProcesses({
      config,
      databaseUrl,
      auditKey,
      city,
      sample,
      processes,
      seconds,
      connections,
      log,
    });
    writeResults(`postgres-${cases}-processes-${processes}`, {
      cases,
      processes,
      seconds,
      connections,
      table,
    });
    return table;
  }

  const bare = await startProcess(process.execPath, [
    "--import",
    "tsx",
    path.join(root, "bench", "bare-server.ts"),
  ]);
  const port = await freePort();
  const server = await startKansli(port, {
    KANSLI_AUDIT_KEY: auditKey,
    KANSLI_DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(`${base}/readyz`);
  const cookie = await signIn(base, city.username, city.password);
  const letters = await Promise.all(Array.from({ length: 40 }, (_, i) => letterDocx(i)));
  log(`a letter is ${Math.round((letters[0]?.length ?? 0) / 1024)} KB`);

  let turn = 0;
  const rotate = <T>(items: readonly T[]) => items[turn++ % items.length] as T;
  // Each run registers into other open cases than the last: a case that got a letter in every run
  // would grow without end and measure an ever larger case.
  let nextOpen = Math.floor(Math.random() * sample.open.length);
  const openCase = () => sample.open[nextOpen++ % sample.open.length] as string;
  const page = (url: () => string) => () => ({ path: url(), headers: { cookie } });
  const q = (words: string) => encodeURIComponent(words);

  const registration = () => {
    const n = turn;
    return registrationRequest(openCase(), city.token, rotate(letters), n);
  };

  interface Endpoint {
    name: string;
    url: string;
    expect: number;
    next: () => ReturnType<Parameters<typeof load>[0]["next"]>;
    raw?: (ctx: Parameters<typeof rawCasePage>[0]) => Promise<unknown>;
  }
  const allEndpoints: Endpoint[] = [
    { name: "bare Fastify route", url: bare.address, expect: 200, next: () => ({ path: "/" }) },
    {
      name: "case page",
      url: base,
      expect: 200,
      next: page(() => `/arenden/${rotate(sample.cases)}`),
      raw: (ctx) => rawCasePage(ctx, rotate(sample.cases)),
    },
    {
      name: "register list, filtered by unit",
      url: base,
      expect: 200,
      next: page(() => `/arenden?unitId=${rotate(sample.units)}`),
      raw: (ctx) => rawRegisterList(ctx, rotate(sample.units)),
    },
    ...(["rare", "medium", "common"] as const).map((kind) => ({
      name: `search, ${kind} words ("${SEARCH_WORDS[kind]}")`,
      url: base,
      expect: 200,
      next: page(() => `/sok?q=${q(SEARCH_WORDS[kind])}`),
      raw: (ctx: Parameters<typeof rawCasePage>[0]) => rawSearch(ctx, SEARCH_WORDS[kind], "full"),
    })),
    {
      name: `public search, common word ("${SEARCH_WORDS.common}")`,
      url: base,
      expect: 200,
      next: () => ({ path: `/offentlig?q=${q(SEARCH_WORDS.common)}` }),
      raw: (ctx) => rawSearch(ctx, SEARCH_WORDS.common, "public"),
    },
    {
      name: "register a document with a 200 KB .docx (API)",
      url: base,
      expect: 201,
      next: registration,
      raw: (ctx) => rawRegistration(ctx, openCase(), turn),
    },
  ];
  // `--only` may name several pages, separated by commas ("case page,register list").
  const only = args.only?.split(",").map((text) => text.trim());
  const endpoints = allEndpoints.filter(
    (e, i) => i === 0 || !only || only.some((text) => e.name.includes(text)),
  );

  const measured = new Map<string, { http: LoadResult[]; raw: RawResult[]; cpuMs: number[] }>();
  let rss = { peakMb: Number.NaN, currentMb: Number.NaN };
  try {
    for (let run = 1; run <= runs; run++) {
      for (const e of endpoints) {
        const pid = (e.url === bare.address ? bare : server).child.pid;
        const cpuBefore = cpuMs(pid);
        const http = await load({ url: e.url, seconds, connections, next: e.next, expect: e.expect });
        const cpuPerRequest = (cpuMs(pid) - cpuBefore) / Math.max(http.requests, 1);
        const raw = e.raw
          ? await withContext(config, (ctx) => timeRaw(seconds / 2, () => e.raw?.(ctx) ?? Promise.resolve()))
          : null;
        const m = measured.get(e.name) ?? { http: [], raw: [], cpuMs: [] };
        m.http.push(http);
        m.cpuMs.push(cpuPerRequest);
        if (raw) m.raw.push(raw);
        measured.set(e.name, m);
        log(
          `  run ${run}: ${e.name}: ${http.perSecond.toFixed(0)}/s, p95 ${http.p95.toFixed(1)} ms, ${cpuPerRequest.toFixed(2)} ms CPU a request${http.failures ? `, ${http.failures} failures` : ""}, server RSS peak ${memory(server.child.pid).peakMb} MB`,
        );
      }
    }
  } finally {
    rss = memory(server.child.pid);
    server.child.kill("SIGTERM");
    bare.child.kill("SIGTERM");
  }

  const rows = endpoints.map((e) => {
    const m = measured.get(e.name) ?? { http: [], raw: [], cpuMs: [] };
    const pick = (f: (r: LoadResult) => number) => median(m.http.map(f));
    const pickRaw = (f: (r: RawResult) => number) => (m.raw.length ? median(m.raw.map(f)) : null);
    return {
      name: e.name,
      perSecond: pick((r) => r.perSecond),
      p50: pick((r) => r.p50),
      p95: pick((r) => r.p95),
      cpuMs: median(m.cpuMs),
      failures: m.http.reduce((n, r) => n + r.failures, 0),
      rawPerSecond: pickRaw((r) => r.perSecond),
      rawP50: pickRaw((r) => r.p50),
      rawP95: pickRaw((r) => r.p95),
    };
  });
  const bareRow = rows[0];
  const fmt = (n: number | null, digits = 1) => (n === null || Number.isNaN(n) ? "–" : n.toFixed(digits));
  const table = [
    `${cases.toLocaleString("sv-SE")} cases on ${dialect} (city ready in ${generationSeconds.toFixed(0)} s); medians of ${runs} run(s); server peak RSS ${rss.peakMb} MB (now ${rss.currentMb} MB)`,
    "",
    "| page | req/s | p50 ms | p95 ms | server CPU ms/req | × bare CPU | % of bare req/s | raw SQL p50 ms | raw SQL p95 ms | raw SQL /s | p95 ÷ raw p95 | failures |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${fmt(r.perSecond, 0)} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.cpuMs, 2)} | ${bareRow ? fmt(r.cpuMs / bareRow.cpuMs) : "–"} | ${bareRow ? fmt((100 * r.perSecond) / bareRow.perSecond, 0) : "–"}% | ${fmt(r.rawP50, 2)} | ${fmt(r.rawP95, 2)} | ${fmt(r.rawPerSecond, 0)} | ${r.rawP95 ? fmt(r.p95 / r.rawP95) : "–"} | ${r.failures} |`,
    ),
  ];

  const resultsDir = path.join(root, "bench", "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(
    resultsDir,
    `${new Date().toISOString().replace(/[:.]/g, "-")}-${dialect}-${cases}.json`,
  );
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        cases,
        dialect,
        runs,
        seconds,
        connections,
        generationSeconds,
        rss,
        machine: { cpus: os.cpus().length, node: process.version },
        rows,
      },
      null,
      2,
    ),
  );
  log(`written to ${path.relative(root, file)}`);
  return table;
}

/** Writes one run's results to bench/results/ as JSON (not in git). */
function writeResults(name: string, results: object) {
  const resultsDir = path.join(root, "bench", "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${name}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify({ ...results, machine: { cpus: os.cpus().length, node: process.version } }, null, 2),
  );
  log(`written to ${path.relative(root, file)}`);
}
