// `npm run fuzz`: the fuzz test at full size, outside vitest, printing the counts.
// FUZZ_COUNT (default 10000) requests; FUZZ_SEED to repeat a run; KANSLI_TEST_DIALECT=postgres with
// TEST_DATABASE_URL for PostgreSQL (SQLite otherwise). Exits 1 on any 5xx, shape violation or partial write.
import { buildTestApp } from "../helpers/app.ts";
import { runFuzz, summary } from "./run-fuzz.ts";

const count = Math.max(10_000, Number(process.env.FUZZ_COUNT ?? 10_000));
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const t = await buildTestApp();
try {
  console.log(`database: ${process.env.KANSLI_TEST_DIALECT === "postgres" ? "PostgreSQL" : "SQLite"}`);
  const r = await runFuzz(t, { count, ...(seed !== undefined ? { seed } : {}) });
  console.log(summary(r));
  for (const e of [...r.serverErrors, ...r.shapeViolations].slice(0, 20))
    console.log(
      `  ${e.status} ${e.request.method} ${e.request.url.slice(0, 150)} [${e.request.kind}] ${e.body.slice(0, 200)}`,
    );
  for (const a of r.acceptedWrites.slice(0, 10))
    console.log(
      `  accepted write: ${a.status} ${a.request.method} ${a.request.url.slice(0, 120)} [${a.request.kind}] ${String(a.request.payload).slice(0, 200)}`,
    );
  for (const p of r.partialWrites.slice(0, 5))
    console.log(`  partial write: ${p.changed.join(", ")}\n    ${p.batch.join("\n    ")}`);
  process.exitCode = r.serverErrors.length + r.shapeViolations.length + r.partialWrites.length > 0 ? 1 : 0;
} finally {
  await t.close();
}
