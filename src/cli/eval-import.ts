/**
 * `npm run eval:import DIR [DIR…]`: analyses every document in each folder that has a truth
 * beside it (<name>.json for <name>.<ext>) and prints per-field exact-match rates and the
 * bodies' precision, recall and F1. Units are the demo organisation's (the corpus is written
 * against it). `--verbose` lists every wrong field.
 */
import fs from "node:fs";
import path from "node:path";
import { DEMO_UNITS } from "../demo/units-demo.ts";
import { analyseDocument, formatScores, type Proposal, SCALAR_FIELDS, score } from "../import/index.ts";
import { fileTypeOfName } from "../platform/files/file-type.ts";

/** The corpus is written to the demo city (domain.md §2). */
const DEMO_ORGANISATION = { name: "Stockholms stad", units: DEMO_UNITS };

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
  const dirs = args.filter((a) => !a.startsWith("--"));
  if (dirs.length === 0) {
    process.stderr.write("usage: npm run eval:import DIR [DIR…] [--verbose]\n");
    return 2;
  }
  for (const dir of dirs) {
    const results = await runCorpus(corpusDocuments(dir));
    if (verbose)
      for (const r of results)
        for (const f of [...SCALAR_FIELDS, "consulted_bodies"] as const) {
          const got = JSON.stringify(r.proposal[f]);
          const want = JSON.stringify(r.truth[f]);
          if (got !== want) process.stdout.write(`${path.basename(r.file)} ${f}: ${got}\n    want ${want}\n`);
        }
    process.stdout.write(`${formatScores(dir, score(results))}\n`);
    const slowest = results.reduce((m, r) => Math.max(m, r.ms), 0);
    process.stdout.write(`  slowest document     ${(slowest / 1000).toFixed(2)} s\n`);
  }
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = await main(process.argv.slice(2));
