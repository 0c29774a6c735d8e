import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { currentReading } from "./page-progress.ts";

const execFileAsync = promisify(execFile);

/** An external step, stopped when the reading in progress is aborted (the server stopping). */
const run = (command: string, args: string[], options: Parameters<typeof execFileAsync>[2] = {}) =>
  execFileAsync(command, args, { ...options, encoding: "utf8", signal: currentReading()?.signal });

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
async function ocrImage(imagePath: string, dpi?: number): Promise<string> {
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
 * The pages of a scanned PDF read by OCR, split by form feeds. A scan holds one image a page:
 * that image is taken out as it is (`pdfimages`, raw PNM, a tenth of a second a page) instead of
 * rendering the page again at 300 dpi (~11 s a page here) or encoding it as PNG (~1.4 s); any
 * other page is rendered. Pages are read two at a time and each finished page is reported to the
 * reading's progress.
 */
export async function ocrPdf(bytes: Buffer): Promise<string> {
  return withTempDir(async (dir) => {
    const pdf = path.join(dir, "in.pdf");
    await fs.writeFile(pdf, bytes);
    const pages = await pdfPageCount(bytes);
    const scanned = await scannedPages(pdf);
    const report = currentReading()?.report;
    await report?.(0, pages);
    let done = 0;
    const texts = await inParallel(
      Array.from({ length: pages }, (_, i) => i + 1),
      PARALLEL_PAGES,
      async (page) => {
        const dpi = scanned.get(page);
        const image =
          dpi === undefined ? await renderPage(pdf, page, dir) : await pageImage(pdf, page, dpi, dir);
        const text = await ocrImage(image.file, image.dpi);
        await fs.rm(image.file, { force: true });
        done += 1;
        await report?.(done, pages);
        return text;
      },
    );
    return texts.join("\f");
  });
}

/** The pages that hold exactly one image (a scan), with the image's resolution (0 when unknown). */
async function scannedPages(pdf: string): Promise<Map<number, number>> {
  const { stdout } = await run("pdfimages", ["-list", pdf], { timeout: STEP_TIMEOUT_MS });
  const listed = stdout
    .split("\n")
    .slice(2)
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells[2] === "image")
    .map((cells) => ({ page: Number(cells[0]), dpi: Number(cells[12]) || 0 }));
  const count = new Map<number, number>();
  for (const image of listed) count.set(image.page, (count.get(image.page) ?? 0) + 1);
  return new Map(listed.filter((image) => count.get(image.page) === 1).map((i) => [i.page, i.dpi]));
}

/** The one image of a page, taken out of the PDF as it is stored (PPM, PGM or PBM). */
async function pageImage(pdf: string, page: number, dpi: number, dir: string): Promise<PageImage> {
  const prefix = `image-${page}`;
  await run("pdfimages", ["-f", String(page), "-l", String(page), pdf, path.join(dir, prefix)], {
    timeout: STEP_TIMEOUT_MS,
  });
  // Listed before its soft mask, if it has one.
  const file = (await fs.readdir(dir)).filter((f) => f.startsWith(`${prefix}-`)).sort()[0];
  if (!file) return renderPage(pdf, page, dir);
  return { page, file: path.join(dir, file), ...(dpi > 0 ? { dpi } : {}) };
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
