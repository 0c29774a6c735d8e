/**
 * Builds the importer's evaluation corpus (test/fixtures/import-corpus/{tune,heldout}/) from
 * the hand-written letters in sources/: each letter as plain text, Word, a PDF with a text layer
 * (two pages, running header and footer, the list in two columns), text damaged the way OCR
 * damages it, and a scan (an image, or a PDF of page images) for OCR. Every document gets the
 * letter's truth beside it as <name>.json. `heldout/` holds letters written by someone who had
 * not seen the importer's code, to measure it on text it was never tuned on; `tune/` the letters
 * the rules were developed on. `seed/` holds the seed (../shared/seed/): its real OCR text, copied
 * in by hand, and the documents built from sources/seed/, a clean typing of its pages 1–2.
 *
 * Run: npx tsx test/helpers/import-corpus-build.ts [NAME…]: with names (such as
 * 30-naturvardsverket), only those letters are built and the others are left as they are (Word
 * and PDF files carry the time they were made, so rebuilding them all changes every binary file).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import PDFDocument from "pdfkit";
import { makeDocx } from "./documents.ts";
import { ocrLike } from "./ocr-damage.ts";

const ROOT = path.resolve(import.meta.dirname, "../fixtures/import-corpus");
const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

interface Truth {
  diary_number: string | null;
  sender_organisation: string | null;
  consulted_bodies: string[];
}

/** A letter laid out on pages: a list of lines per page, list items in two columns when asked. */
async function pdfOf(pages: string[][], options: { header?: string; columns: Set<string> }): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, size: "A4", margin: 60 });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  if (fs.existsSync(FONT)) doc.font(FONT);
  pages.forEach((lines, p) => {
    doc.addPage();
    doc.fontSize(11);
    if (options.header) doc.fontSize(9).text(options.header, 60, 30).fontSize(11);
    doc.text("", 60, 70);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? "";
      if (options.columns.has(line.trim())) {
        const run: string[] = [];
        while (i < lines.length && options.columns.has((lines[i] ?? "").trim()))
          run.push((lines[i++] ?? "").trim());
        i--;
        const half = Math.ceil(run.length / 2);
        for (let r = 0; r < half; r++) {
          const y = doc.y;
          doc.text(run[r] ?? "", 60, y, { width: 230 });
          if (run[r + half]) doc.text(run[r + half] ?? "", 310, y, { width: 230 });
          doc.x = 60;
        }
      } else if (line.includes("\t")) {
        // Two columns written side by side in the source ("Facknämnderna<TAB>Övriga").
        const [left = "", right = ""] = line.split("\t");
        const y = doc.y;
        doc.text(left, 60, y, { width: 230 });
        doc.text(right, 310, y, { width: 230 });
        doc.x = 60;
      } else doc.text(line === "" ? " " : line, 60, undefined, { width: 475 });
    }
    if (options.header) {
      // Below the bottom margin pdfkit would start a new page: the footer is written without one.
      doc.page.margins.bottom = 0;
      doc.fontSize(9).text(`Sida ${p + 1} av ${pages.length}`, 60, 790, { lineBreak: false });
    }
  });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** Page images of a PDF (200 dpi greyscale, like an office scanner). */
function render(pdf: Buffer, dir: string): string[] {
  const input = path.join(dir, "in.pdf");
  fs.writeFileSync(input, pdf);
  execFileSync("pdftoppm", ["-r", "200", "-gray", "-png", input, path.join(dir, "page")]);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith("page"))
    .sort()
    .map((f) => path.join(dir, f));
}

async function imagesToPdf(images: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, size: "A4", margin: 0 });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  for (const image of images) doc.addPage().image(image, 0, 0, { width: 595.28, height: 841.89 });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

async function build(split: "tune" | "heldout" | "seed", only: ReadonlySet<string>) {
  const from = path.join(ROOT, "sources", split);
  const to = path.join(ROOT, split);
  // seed/ also holds the seed's own OCR text, which is not built: it is never emptied.
  if (only.size === 0 && split !== "seed") fs.rmSync(to, { recursive: true, force: true });
  fs.mkdirSync(to, { recursive: true });
  const letters = fs
    .readdirSync(from)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  for (const [n, file] of letters.entries()) {
    const name = file.replace(/\.txt$/, "");
    if (only.size > 0 && !only.has(name)) continue;
    const source = fs.readFileSync(path.join(from, file), "utf8").trimEnd();
    // A source with form feeds (the seed) sets its own pages; the others are cut before the list.
    const ownPages = source.includes("\f") ? source.split(/\n?\f\n?/).map((p) => p.split("\n")) : null;
    const text = source.replace(/\n?\f\n?/g, "\n\n");
    const truthText = fs.readFileSync(path.join(from, `${name}.json`), "utf8");
    const truth = JSON.parse(truthText) as Truth;
    const write = (suffix: string, bytes: Buffer | string) => {
      fs.writeFileSync(path.join(to, `${name}${suffix}`), bytes);
      fs.writeFileSync(path.join(to, `${name}${suffix.replace(/\.\w+$/, "")}.json`), truthText);
    };
    const lines = text.split("\n");
    const header = [truth.sender_organisation, truth.diary_number].filter(Boolean).join("   ");
    // The distribution list goes on page 2, as on a missiv with its sändlista.
    const listStart = lines.findIndex((l) =>
      truth.consulted_bodies.includes(l.trim().replace(/^\d+\.\s*|^- /, "")),
    );
    const cut = listStart > 3 ? listStart - 1 : Math.ceil(lines.length / 2);
    const pages = ownPages ?? [lines.slice(0, cut), lines.slice(cut)];
    const columns = new Set(truth.consulted_bodies.length >= 6 && n % 2 === 0 ? truth.consulted_bodies : []);

    write(".txt", `${text}\n`);
    write(".docx", await makeDocx(lines));
    if (ownPages) {
      // The seed: its own letterhead on each page, its real OCR text beside it (not imitated
      // damage), and a 200-dpi scan of its pages.
      const pdf = await pdfOf(ownPages, { columns: new Set() });
      write(".pdf", pdf);
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-corpus-"));
      try {
        write(".scan.pdf", await imagesToPdf(render(pdf, tmp)));
      } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
      }
      continue;
    }
    write(".pdf", await pdfOf(pages, { header, columns }));
    write(
      ".ocr.txt",
      `${ocrLike(text, { seed: 1000 + n, header, columnItems: [...columns], pageLines: 24 })}\n`,
    );
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-corpus-"));
    try {
      if (n % 2 === 0) {
        // A one-page scan: the whole letter on one page, no running header. A letter too long
        // for one page runs on to the next, and is scanned into a PDF rather than cut short.
        const images = render(await pdfOf([lines], { columns: new Set() }), tmp);
        const [image] = images;
        if (images.length > 1) write(".scan.pdf", await imagesToPdf(images));
        else if (image) write(".scan.png", fs.readFileSync(image));
      } else {
        write(".scan.pdf", await imagesToPdf(render(await pdfOf(pages, { header, columns }), tmp)));
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }
}

const only = new Set(process.argv.slice(2));
await build("tune", only);
await build("heldout", only);
await build("seed", only);
