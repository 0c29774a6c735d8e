import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { FileType } from "../platform/files/file-type.ts";
import { extractTextDetailed } from "../platform/text/extract.ts";
import { ocrImageBytes, ocrPdf, pdfPageCount } from "./ocr.ts";

const run = promisify(execFile);

/** How the text was got: from the file's own text, or by OCR of its images. */
export type ReadMethod = "text" | "ocr";
interface ReadResult {
  text: string;
  method: ReadMethod;
}

/** The longest document read: a stated limit, so one upload cannot hold the reader for hours. */
export const MAX_PAGES = 100;

/** The pages of a PDF; other files count as one (a multi-page TIFF is read as one image). */
export const pageCount = (bytes: Buffer, type: FileType): Promise<number> =>
  type === "pdf" ? pdfPageCount(bytes) : Promise.resolve(1);

/** A PDF with less text than this per page is taken to be a scan. */
const MIN_TEXT_PER_PAGE = 40;

/**
 * The raw text of a received document. Word uses the platform's extraction. A PDF
 * is read with poppler's `pdftotext -layout` rather than the platform's unpdf reading, because
 * the importer needs the layout (a two-column distribution list must keep its gap, which unpdf's
 * run-together text loses); a PDF without a text layer, and every image, goes to OCR.
 */
export async function readDocument(bytes: Buffer, type: FileType): Promise<ReadResult> {
  switch (type) {
    case "png":
    case "jpeg":
    case "tiff":
      return { text: await ocrImageBytes(bytes, type === "jpeg" ? "jpg" : type), method: "ocr" };
    case "pdf": {
      const { text, pages } = await pdfLayoutText(bytes);
      if (text.replace(/\s/g, "").length >= MIN_TEXT_PER_PAGE * pages) return { text, method: "text" };
      return { text: await ocrPdf(bytes), method: "ocr" };
    }
    case "txt":
      // Decoded here, not by the platform's extraction, which drops the form feeds between pages.
      return { text: new TextDecoder("utf-8").decode(bytes), method: "text" };
    default: {
      const extraction = await extractTextDetailed(bytes, type);
      return { text: extraction.text, method: "text" };
    }
  }
}

async function pdfLayoutText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  const child = run("pdftotext", ["-layout", "-enc", "UTF-8", "-", "-"], {
    timeout: 30_000,
    maxBuffer: 20 * 1024 * 1024,
  });
  child.child.stdin?.end(bytes);
  const { stdout } = await child;
  return { text: stdout, pages: Math.max(1, stdout.split("\f").length - 1) };
}
