#!/usr/bin/env node
// `npm test`: the project's checks, then the test suite on SQLite, on PostgreSQL when
// TEST_DATABASE_URL is set, and in the browser. Ends with the line "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// npm scripts put node_modules/.bin, with the pinned Node 24, first on the PATH: this Node runs the
// tests, and the npx and vitest processes below find the same one.
process.stdout.write(`Node.js ${process.version} (${process.execPath})\n`);

const outDir = path.resolve(".test-tmp");
fs.mkdirSync(outDir, { recursive: true });
let passed = 0;
let failed = 0;
/** Failed tests, named again just above the closing line so that a log's tail shows them. */
const failures = [];

function run(label, command, args) {
  process.stdout.write(`\n== ${label}: ${command} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  return result.status === 0;
}

/** A check (lint, types, xss) counts as one test. */
function check(label, command, args) {
  if (run(label, command, args)) passed += 1;
  else {
    failed += 1;
    failures.push(label);
    process.stdout.write(`!! ${label} failed\n`);
  }
}

/** A vitest run counts each of its tests; a run that reports nothing counts as a failure. */
function vitest(label, projects) {
  const report = path.join(outDir, `${label}.json`);
  fs.rmSync(report, { force: true });
  const args = ["vitest", "run", ...projects.flatMap((p) => ["--project", p])];
  const ok = run(label, "npx", [
    ...args,
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  if (!fs.existsSync(report)) {
    failed += 1;
    process.stdout.write(`!! ${label}: no test report\n`);
    return;
  }
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  for (const file of json.testResults) {
    const failedTests = file.assertionResults.filter((t) => t.status === "failed");
    for (const t of failedTests) {
      const why = (t.failureMessages[0] ?? "").split("\n")[0].slice(0, 300);
      failures.push(`${label}: ${path.relative(process.cwd(), file.name)} › ${t.fullName}\n     ${why}`);
    }
    // A file that fails to load has no failed tests but still fails the run.
    if (file.status === "failed" && failedTests.length === 0) {
      failures.push(
        `${label}: ${path.relative(process.cwd(), file.name)} did not run: ${(file.message ?? "").slice(0, 300)}`,
      );
    }
  }
  if (!ok && json.numFailedTests === 0) failed += 1;
}

check("lint and format", "npx", ["biome", "check", "."]);
check("typecheck", "npx", ["tsc", "--noEmit"]);
check("xss-scan", "npx", ["xss-scan"]);

const projects = ["sqlite"];
if (process.env.TEST_DATABASE_URL) projects.push("postgres");
else process.stdout.write("\n(TEST_DATABASE_URL is not set: the PostgreSQL run is left out)\n");
vitest("database", projects);

if (process.env.KANSLI_SKIP_BROWSER === "1") {
  process.stdout.write("\n(KANSLI_SKIP_BROWSER=1: browser tests left out)\n");
} else if (!fs.existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) {
  failed += 1;
  process.stdout.write(
    "\n!! browser tests need Chromium: apt-get install -y chromium (or set KANSLI_SKIP_BROWSER=1)\n",
  );
} else {
  vitest("browser", process.env.TEST_DATABASE_URL ? ["browser", "browser-postgres"] : ["browser"]);
}

if (failures.length > 0) process.stdout.write(`\nFailed:\n${failures.map((f) => `  - ${f}`).join("\n")}\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
