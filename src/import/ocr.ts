import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Each external step is bounded: a stuck tesseract must not hold a request forever. */
const STEP_TIMEOUT_MS = 60_000;
const MAX_PAGES = 20;

/**
 * OCR with Debian's tesseract (Swedish model) as a process, not tesseract.js: the CLI is ~2x
 * faster here and cannot crash our process (see /work/shared/stack.md). `preserve_interword_spaces`
 * keeps the wide gaps of two-column lines, which the repair uses to put the columns apart.
 */
export async function ocrImage(imagePath: string): Promise<string> {
  const { stdout } = await run(
    "tesseract",
    [imagePath, "stdout", "-l", "swe", "--psm", "4", "-c", "preserve_interword_spaces=1"],
    { timeout: STEP_TIMEOUT_MS, maxBuffer: 20 * 1024 * 1024, env: { ...process.env, OMP_THREAD_LIMIT: "1" } },
  );
  return stdout;
}

/** Pages of a scanned PDF rendered at 300 dpi (pdftoppm) and read one by one; pages split by a form feed. */
export async function ocrPdf(bytes: Buffer): Promise<string> {
  return withTempDir(async (dir) => {
    const pdf = path.join(dir, "in.pdf");
    await fs.writeFile(pdf, bytes);
    await run(
      "pdftoppm",
      ["-r", "300", "-gray", "-png", "-l", String(MAX_PAGES), pdf, path.join(dir, "page")],
      {
        timeout: STEP_TIMEOUT_MS,
      },
    );
    const pages = (await fs.readdir(dir)).filter((f) => f.startsWith("page")).sort();
    const texts: string[] = [];
    for (const page of pages) texts.push(await ocrImage(path.join(dir, page)));
    return texts.join("\f");
  });
}

/** OCR of an image upload (PNG, JPEG, TIFF; a multi-page TIFF gives its pages split by form feeds). */
export async function ocrImageBytes(bytes: Buffer, extension: string): Promise<string> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, `in.${extension}`);
    await fs.writeFile(file, bytes);
    return ocrImage(file);
  });
}

async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kansli-ocr-"));
  try {
    return await work(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The first page of a PDF as a small PNG (for the review page to show a scanned letter). */
export async function pdfFirstPagePng(bytes: Buffer): Promise<Buffer> {
  return withTempDir(async (dir) => {
    const pdf = path.join(dir, "in.pdf");
    await fs.writeFile(pdf, bytes);
    await run(
      "pdftoppm",
      ["-r", "90", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, path.join(dir, "page")],
      {
        timeout: STEP_TIMEOUT_MS,
      },
    );
    return fs.readFile(path.join(dir, "page.png"));
  });
}
