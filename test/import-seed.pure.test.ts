import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_UNITS } from "../src/demo/units-demo.ts";
import { analyseDocument, type Proposal } from "../src/import/index.ts";
import { fileTypeOfName } from "../src/platform/files/file-type.ts";

const SEED = path.resolve(import.meta.dirname, "fixtures/import-corpus/seed");
const DEMO = { name: "Stockholms stad", units: DEMO_UNITS };

/**
 * The seed (../shared/seed/): the 2016 consultation kansli is modelled on. Its scanner's OCR text as
 * it came, and a Word file, a text PDF and a 200-dpi scan made from a clean typing of its pages
 * 1–2, each read and proposed as a clerk's upload is. The truth is the seed README's table.
 */
async function proposalOf(file: string): Promise<{ proposal: Proposal; truth: Proposal }> {
  const type = fileTypeOfName(file);
  if (!type) throw new Error(`not a document: ${file}`);
  const truthFile = path.join(SEED, `${file.replace(/\.[^.]+$/, "")}.json`);
  const truth = JSON.parse(fs.readFileSync(truthFile, "utf8")) as Proposal;
  const { proposal } = await analyseDocument(fs.readFileSync(path.join(SEED, file)), type, DEMO);
  return { proposal, truth };
}

function expectTheSeed({ proposal, truth }: { proposal: Proposal; truth: Proposal }) {
  for (const field of [
    "title",
    "diary_number",
    "date_sent",
    "deadline",
    "contact_name",
    "contact_phone",
    "reply_to_email",
  ] as const)
    expect({ field, value: proposal[field] }).toEqual({ field, value: truth[field] });
  expect([...proposal.consulted_bodies].sort()).toEqual([...truth.consulted_bodies].sort());
  expect(truth.consulted_bodies).toHaveLength(19);
  const units = (p: Proposal) => p.matches.map((m) => m.unit_id).sort();
  expect(units(proposal)).toEqual(units(truth));
}

describe("the seed imports as its README says", () => {
  for (const file of [
    "remiss-internationell-strategi-2016.ocr.txt",
    "01-internationell-strategi.txt",
    "01-internationell-strategi.docx",
    "01-internationell-strategi.pdf",
  ])
    it(`from ${file}`, async () => expectTheSeed(await proposalOf(file)), 60_000);

  it("from a 200-dpi scan of its two pages, read by OCR", async () => {
    const started = performance.now();
    expectTheSeed(await proposalOf("01-internationell-strategi.scan.pdf"));
    process.stdout.write(`seed scan read in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  }, 120_000);
});
