/**
 * `npm run eval:import [DIR…]`: analyses every document in each folder that has a truth beside
 * it (<name>.json for <name>.<ext>) and prints per-field exact-match rates (over all documents,
 * and over those whose truth has the field), the bodies' precision, recall and F1 and the
 * slowest document. Without folders it prints each set of the corpus on its own: real held-out,
 * real held-out (new), real tuning, the seed, written held-out, written tuning. Units are the demo organisation's (the
 * seed and the written corpus are written against it). `--verbose` lists every wrong field.
 */
import fs from "node:fs";
import path from "node:path";
import { DEMO_UNITS } from "../demo/units-demo.ts";
import { analyseDocument, formatScores, type Proposal, SCALAR_FIELDS, score } from "../import/index.ts";
import { fileTypeOfName } from "../platform/files/file-type.ts";

/** The corpus is written to the demo city (domain.md §2). */
const DEMO_ORGANISATION = { name: "Stockholms stad", units: DEMO_UNITS };

const CORPUS = path.resolve(import.meta.dirname, "../../test/fixtures/import-corpus");
/** The sets, in the order they matter: documents never tuned on first. */
const CORPUS_SETS = [
  ["real held-out", "real/heldout"],
  ["real held-out (new)", "real/heldout2"],
  ["real tuning", "real/tune"],
  ["seed", "seed"],
  ["written held-out", "heldout"],
  ["written tuning", "tune"],
].map(([label = "", dir = ""]) => ({ label, dir: path.join(CORPUS, dir) }));

export interface CorpusDocument {
  file: string;
  truth: Proposal;
}

/** The documents of a folder that have a truth beside them, in name order. */
export function corpusDocuments(dir: string): CorpusDocument[] {
  return fs
    .readdirSync(dir)
    .filter((f) => !f.endsWith(".json") && fileTypeOfName(f) !== null)
    .sort()
    .flatMap((f) => {
      const truthFile = path.join(dir, `${f.replace(/\.[^.]+$/, "")}.json`);
      if (!fs.existsSync(truthFile)) return [];
      return [{ file: path.join(dir, f), truth: JSON.parse(fs.readFileSync(truthFile, "utf8")) as Proposal }];
    });
}

/** Analyses each document; returns its proposal beside its truth and how long it took. */
export async function runCorpus(docs: CorpusDocument[]) {
  const results: { file: string; proposal: Proposal; truth: Proposal; ms: number }[] = [];
  for (const d of docs) {
    const type = fileTypeOfName(d.file);
    if (!type) continue;
    const started = performance.now();
    const analysis = await analyseDocument(fs.readFileSync(d.file), type, DEMO_ORGANISATION);
    results.push({ ...d, proposal: analysis.proposal, ms: performance.now() - started });
  }
  return results;
}

async function main(args: string[]) {
  const verbose = args.includes("--verbose");
  const named = args.filter((a) => !a.startsWith("--")).map((dir) => ({ label: dir, dir }));
  for (const { label, dir } of named.length > 0 ? named : CORPUS_SETS) {
    const results = await runCorpus(corpusDocuments(dir));
    if (verbose)
      for (const r of results)
        for (const f of [...SCALAR_FIELDS, "consulted_bodies"] as const) {
          const got = JSON.stringify(r.proposal[f]);
          const want = JSON.stringify(r.truth[f]);
          if (got !== want) process.stdout.write(`${path.basename(r.file)} ${f}: ${got}\n    want ${want}\n`);
        }
    process.stdout.write(`${formatScores(label, score(results))}\n`);
    const slowest = results.reduce((m, r) => (r.ms > m.ms ? r : m), { ms: 0, file: "-" });
    process.stdout.write(
      `  slowest document     ${(slowest.ms / 1000).toFixed(2)} s (${path.basename(slowest.file)})\n`,
    );
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
