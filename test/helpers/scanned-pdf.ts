import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import PDFDocument from "pdfkit";

const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const A4 = { width: 595.28, height: 841.89 };

async function pdfBytes(draw: (doc: PDFKit.PDFDocument) => void, margin = 60): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, size: "A4", margin });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/**
 * A scanned PDF as an office scanner makes one: the text laid out on A4 pages (`linesPerPage`
 * lines each), each page rendered to a 200-dpi greyscale image, the images bound as a PDF with no
 * text layer.
 */
export async function scannedPdf(text: string, linesPerPage = 60): Promise<Buffer> {
  const lines = text.replace(/\n+$/, "").split("\n");
  const typed = await pdfBytes((doc) => {
    if (fs.existsSync(FONT)) doc.font(FONT);
    for (let i = 0; i < lines.length; i += linesPerPage) {
      doc.addPage().fontSize(10);
      for (const line of lines.slice(i, i + linesPerPage))
        doc.text(line || " ", { width: 475, lineBreak: false });
    }
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-scan-"));
  try {
    fs.writeFileSync(path.join(dir, "in.pdf"), typed);
    execFileSync("pdftoppm", [
      "-r",
      "200",
      "-gray",
      "-png",
      path.join(dir, "in.pdf"),
      path.join(dir, "page"),
    ]);
    const images = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith("page"))
      .sort()
      .map((f) => path.join(dir, f));
    return await pdfBytes((doc) => {
      for (const image of images) doc.addPage().image(image, 0, 0, A4);
    }, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
