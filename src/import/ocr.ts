import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { currentReading } from "./page-progress.ts";

const execFileAsync = promisify(execFile);

/** An external step, stopped when the reading in progress is aborted (the server stopping). */
const run = (command: string, args: string[], options: Parameters<typeof execFileAsync>[2] = {}) =>
  execFileAsync(command, args, { encoding: "utf8", ...options, signal: currentReading()?.signal });

/** Each external step is bounded: a stuck tesseract must not hold the reading forever. */
const STEP_TIMEOUT_MS = 60_000;
/** Rendering resolution for a PDF page that has no single scanned image to take. */
const RENDER_DPI = 300;
/**
 * tesseract processes at once, each on one thread: two pages in parallel fill the machine's two
 * cores (several threads per page were slower: 13 s for a page one thread reads in 4 s).
 */
const PARALLEL_PAGES = 2;

/**
 * OCR with Debian's tesseract (Swedish model) as a process, not tesseract.js: the CLI is ~2x
 * faster here and cannot crash our process (see /work/shared/stack.md). `preserve_interword_spaces`
 * keeps the wide gaps of two-column lines, which the repair uses to put the columns apart. `dpi`
 * is given for images taken out of a PDF, which carry no resolution of their own.
 */
export async function ocrImage(imagePath: string, dpi?: number): Promise<string> {
  const { stdout } = await run(
    "tesseract",
    [
      imagePath,
      "stdout",
      "-l",
      "swe",
      "--psm",
      "4",
      ...(dpi ? ["--dpi", String(dpi)] : []),
      "-c",
      "preserve_interword_spaces=1",
    ],
    { timeout: STEP_TIMEOUT_MS, maxBuffer: 20 * 1024 * 1024, env: { ...process.env, OMP_THREAD_LIMIT: "1" } },
  );
  return stdout;
}

/** The number of pages of a PDF (poppler's `pdfinfo`). */
export async function pdfPageCount(bytes: Buffer): Promise<number> {
  const child = run("pdfinfo", ["-"], { timeout: STEP_TIMEOUT_MS });
  child.child.stdin?.end(bytes);
  const { stdout } = await child;
  const pages = /^Pages:\s+(\d+)/m.exec(stdout);
  return pages ? Number(pages[1]) : 0;
}

interface PageImage {
  page: number;
  file: string;
  dpi?: number;
}

/**
 * The pages of a scanned PDF read by OCR, split by form feeds. A scan holds one image a page: that
 * image is taken out as it is (`pdfimages`, a fraction of a second for the whole file) instead of
 * rendering the page again at 300 dpi (~11 s a page here); any other page is rendered. Pages are
 * read two at a time and each finished page is reported to the reading's progress.
 */
export async function ocrPdf(bytes: Buffer): Promise<string> {
  return withTempDir(async (dir) => {
    const pdf = path.join(dir, "in.pdf");
    await fs.writeFile(pdf, bytes);
    const pages = await pdfPageCount(bytes);
    const images = await scannedPageImages(pdf, pages, dir);
    const report = currentReading()?.report;
    await report?.(0, pages);
    let done = 0;
    const texts = await inParallel(
      Array.from({ length: pages }, (_, i) => i + 1),
      PARALLEL_PAGES,
      async (page) => {
        const image = images.get(page) ?? (await renderPage(pdf, page, dir));
        const text = await ocrImage(image.file, image.dpi);
        done += 1;
        await report?.(done, pages);
        return text;
      },
    );
    return texts.join("\f");
  });
}

/** The one image of each page that holds exactly one, taken out of the PDF as PNG, by page. */
async function scannedPageImages(pdf: string, pages: number, dir: string): Promise<Map<number, PageImage>> {
  const { stdout } = await run("pdfimages", ["-list", pdf], { timeout: STEP_TIMEOUT_MS });
  const listed = stdout
    .split("\n")
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells[2] === "image")
    .map((cells) => ({ page: Number(cells[0]), index: Number(cells[1]), dpi: Number(cells[12]) }));
  const perPage = new Map<number, number>();
  for (const image of listed) perPage.set(image.page, (perPage.get(image.page) ?? 0) + 1);
  const single = listed.filter((image) => perPage.get(image.page) === 1);
  if (single.length === 0) return new Map();
  await run("pdfimages", ["-png", pdf, path.join(dir, "img")], { timeout: STEP_TIMEOUT_MS });
  const byPage = new Map<number, PageImage>();
  for (const image of single) {
    if (image.page < 1 || image.page > pages) continue;
    const file = path.join(dir, `img-${String(image.index).padStart(3, "0")}.png`);
    byPage.set(image.page, { page: image.page, file, ...(image.dpi > 0 ? { dpi: image.dpi } : {}) });
  }
  return byPage;
}

async function renderPage(pdf: string, page: number, dir: string): Promise<PageImage> {
  const prefix = path.join(dir, `page-${page}`);
  await run(
    "pdftoppm",
    [
      "-r",
      String(RENDER_DPI),
      "-gray",
      "-png",
      "-f",
      String(page),
      "-l",
      String(page),
      "-singlefile",
      pdf,
      prefix,
    ],
    { timeout: STEP_TIMEOUT_MS },
  );
  return { page, file: `${prefix}.png` };
}

/** `work` on every item, at most `limit` at once, the results in the items' order. */
async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** OCR of an image upload (PNG, JPEG, TIFF; a multi-page TIFF gives its pages split by form feeds). */
export async function ocrImageBytes(bytes: Buffer, extension: string): Promise<string> {
  return withTempDir(async (dir) => {
    const file = path.join(dir, `in.${extension}`);
    await fs.writeFile(file, bytes);
    const report = currentReading()?.report;
    await report?.(0, 1);
    const text = await ocrImage(file);
    await report?.(1, 1);
    return text;
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
