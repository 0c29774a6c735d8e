import path from "node:path";
import { describe, expect, it } from "vitest";
import { corpusDocuments, runCorpus } from "../src/cli/eval-import.ts";
import { formatScores, score } from "../src/import/evaluate.ts";

const CORPUS = path.resolve(import.meta.dirname, "fixtures/import-corpus");

/**
 * Extraction over the evaluation corpus (Word, text-layer PDF, OCR-damaged text, and scans read
 * by tesseract). `heldout/` was never tuned on: its rates are the ones that say how kansli does on
 * documents it has not seen. The test computes the rates and fails when they drop.
 */
describe("extraction over the import corpus", () => {
  it("meets the targets on held-out documents", async () => {
    const results = await runCorpus(corpusDocuments(path.join(CORPUS, "heldout")));
    const s = score(results);
    process.stdout.write(`${formatScores("held-out", s)}\n`);
    expect(s.documents).toBeGreaterThanOrEqual(20);
    expect(s.exact.date_sent).toBeGreaterThanOrEqual(0.95);
    expect(s.exact.deadline).toBeGreaterThanOrEqual(0.95);
    expect(s.bodies.f1).toBeGreaterThanOrEqual(0.9);
    expect(s.exact.diary_number).toBeGreaterThanOrEqual(0.95);
    // One-page scans: the whole reading (OCR, repair, extraction) per page.
    const scans = results.filter((r) => r.file.endsWith(".scan.png")).map((r) => r.ms);
    process.stdout.write(`one-page scans: ${scans.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(", ")}\n`);
  }, 600_000);

  it("keeps the rates reached on the tuning documents", async () => {
    const s = score(await runCorpus(corpusDocuments(path.join(CORPUS, "tune"))));
    process.stdout.write(`${formatScores("tune", s)}\n`);
    expect(s.documents).toBeGreaterThanOrEqual(40);
    expect(s.exact.diary_number).toBeGreaterThanOrEqual(0.95);
    expect(s.exact.date_sent).toBeGreaterThanOrEqual(0.95);
    expect(s.exact.deadline).toBeGreaterThanOrEqual(0.95);
    expect(s.bodies.f1).toBeGreaterThanOrEqual(0.95);
    expect(s.matches.f1).toBeGreaterThanOrEqual(0.95);
  }, 600_000);

  // Real Swedish consultation texts (web notices, officers' reports, ministry pages): the rates
  // reached on the tuning third and those measured once on the held-out third are the floor.
  // The tuning set grew on 2026-12-07 by 16 documents, most of them replies and web notices
  // whose bodies are named only in passing: its bodies F1 is 0.85 with them.
  it("keeps the rates reached on real consultation texts", async () => {
    const tune = score(await runCorpus(corpusDocuments(path.join(CORPUS, "real/tune"))));
    const heldout = score(await runCorpus(corpusDocuments(path.join(CORPUS, "real/heldout"))));
    process.stdout.write(`${formatScores("real tuning", tune)}\n${formatScores("real held-out", heldout)}\n`);
    expect(tune.documents + heldout.documents).toBeGreaterThanOrEqual(40);
    expect(tune.whereSet.diary_number.rate).toBeGreaterThanOrEqual(0.95);
    expect(tune.whereSet.deadline.rate).toBeGreaterThanOrEqual(0.85);
    expect(tune.whereSet.date_sent.rate).toBeGreaterThanOrEqual(0.85);
    expect(tune.bodies.f1).toBeGreaterThanOrEqual(0.85);
    expect(heldout.whereSet.deadline.rate).toBeGreaterThanOrEqual(0.85);
    expect(heldout.bodies.f1).toBeGreaterThanOrEqual(0.5);
  }, 300_000);
});
