/**
 * `node --import tsx scripts/import-scan-speed.ts [text-or-pdf-file] [lines-per-page]`: makes a
 * scanned PDF of the text (by default the seed's OCR text, 659 lines = 11 pages at 60 lines a
 * page; a .pdf is taken as it is), reads it as the background reader does and prints when each
 * page was read and the time until the proposal was ready. The scan made is left at
 * /tmp/kansli-scan-speed.pdf. A measurement, not a test: the figure depends on the machine's load.
 */
import fs from "node:fs";
import { DEMO_UNITS } from "../src/demo/units-demo.ts";
import { analyseDocument } from "../src/import/analyse.ts";
import { withReading } from "../src/import/page-progress.ts";
import { scannedPdf } from "../test/helpers/scanned-pdf.ts";

const source = process.argv[2] ?? "/work/shared/seed/remiss-internationell-strategi-2016.ocr.txt";
const linesPerPage = Number(process.argv[3] ?? 60);
const pdf = source.endsWith(".pdf")
  ? fs.readFileSync(source)
  : await scannedPdf(fs.readFileSync(source, "utf8"), linesPerPage);
fs.writeFileSync("/tmp/kansli-scan-speed.pdf", pdf);

const started = performance.now();
const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
const analysis = await withReading(
  {
    report: (page, pages) => {
      process.stdout.write(`${seconds()} s: ${page} of ${pages} pages read\n`);
      return undefined;
    },
    signal: undefined,
  },
  () => analyseDocument(pdf, "pdf", { name: "Stockholms stad", units: DEMO_UNITS }),
);
const total = (performance.now() - started) / 1000;
const pages = analysis.rawText.split("\f").length;
process.stdout.write(
  `${pages} pages read and proposed in ${total.toFixed(1)} s (${(total / pages).toFixed(2)} s a page; method ${analysis.method})\n` +
    `title: ${analysis.proposal.title}\ndiary number: ${analysis.proposal.diary_number}\n` +
    `bodies: ${analysis.proposal.consulted_bodies.length}, matched: ${analysis.proposal.matches.length}\n`,
);
