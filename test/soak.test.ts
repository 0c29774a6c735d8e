import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { cliEnv } from "./helpers/cli.ts";
import { createTestDatabase, type TestDatabase } from "./helpers/database.ts";

// `npm run soak` in short: the same script against a real server process, for 9 seconds after a
// 2-second probe, with reports every 3 seconds (about 20 s in all with the city and the server's
// start on an idle machine; the limit is for a loaded one). Too short to see a leak (memory still grows right
// after start), so the memory limit is raised; what it checks is that the whole mix of traffic
// runs without a single error and that the script reports as documented.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it("a short soak answers every request of the mix and prints its reports", async () => {
  const env = cliEnv(database);
  const args = [
    ...["--minutes", "0.15", "--warmup-minutes", "0.05", "--probe-seconds", "2", "--report-seconds", "3"],
    ...["--cases", "200", "--connections", "4", "--allowed-growth", "1000"],
    ...["--data-dir", env.KANSLI_DATA_DIR ?? ""],
    ...(env.DATABASE_URL ? ["--database-url", env.DATABASE_URL] : []),
  ];
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", path.resolve("bench/soak.ts"), ...args], {
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 115_000,
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => {
        stdout += d;
      });
      child.stderr.on("data", (d) => {
        stderr += d;
      });
      child.on("error", reject);
      child.on("close", (c) => resolve({ code: c, stdout, stderr }));
    },
  );
  expect(code, `${stdout}\n${stderr}`).toBe(0);
  expect(stdout).toMatch(
    /^probe: \d+ requests \(\d+\/s\), errors none, p50 [\d.]+ ms, p99 [\d.]+ ms; at most \d+ requests\/s, the soak sends \d+\/s; RSS \d+ MB$/m,
  );
  // Three reports of 3 s in 9 s, each with latency and the server's memory from /proc and /metrics.
  const reports = stdout.match(/^\[\d\d:\d\d\] \d+ requests .*$/gm) ?? [];
  expect(reports.length).toBeGreaterThanOrEqual(2);
  for (const line of reports)
    expect(line).toMatch(/errors none, p50 [\d.]+ ms, p99 [\d.]+ ms; RSS \d+ MB, heap used \d+ MB; load /);
  expect(stdout).toMatch(/^errors: none$/m);
  expect(stdout).toMatch(/^memory: RSS \d+ MB after warm-up \(heap used \d+ MB\), \d+ MB at the end/m);
  expect(stdout).toMatch(/^soak passed; load average /m);
}, 120_000);
