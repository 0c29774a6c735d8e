import type { FileType } from "../files/file-type.ts";
import { DEFAULT_ZIP_LIMITS, inspectZip, type ReadEntry, type ZipLimits } from "../files/zip.ts";
import { odfText } from "./odf.ts";
import { pdfText } from "./pdf.ts";
import { wordText } from "./word.ts";

export interface ExtractOptions {
  /** Wall-clock limit for one file, in milliseconds. */
  timeoutMs?: number;
  /** Longest text kept, in UTF-16 code units (2,000,000 is about 2 MB of Swedish text). */
  maxLength?: number;
  zipLimits?: ZipLimits;
}

export const EXTRACT_DEFAULTS = { timeoutMs: 20_000, maxLength: 2_000_000 } as const;

/**
 * The largest text part (document.xml, content.xml) read from a Word or ODF file. The server runs
 * with a bounded heap (docs/operations.md); this keeps one upload from claiming most of it, and
 * XML this large holds more text than `maxLength` keeps anyway.
 */
const MAX_TEXT_PART_BYTES = 32 * 1024 * 1024;

/**
 * How extraction went, for the caller to log: `truncated` kept the first part (length or time
 * limit), `needs_ocr` is an image, `timeout` and `failed` (damaged file, refused zip) gave "".
 */
export type ExtractStatus = "ok" | "truncated" | "needs_ocr" | "timeout" | "failed";
export interface Extraction {
  text: string;
  status: ExtractStatus;
  detail?: string;
}

/** The searchable text of a file; "" when it has none or cannot be read. Never throws. */
export async function extractText(
  bytes: Buffer,
  type: FileType,
  options: ExtractOptions = {},
): Promise<string> {
  return (await extractTextDetailed(bytes, type, options)).text;
}

/**
 * As `extractText`, with the reason when the text is empty or cut. The time limit bounds how long
 * the caller waits and stops PDF work between pages; it cannot interrupt a library that computes
 * without yielding, so run extraction in a background job (or a worker) rather than in a request.
 */
export async function extractTextDetailed(
  bytes: Buffer,
  type: FileType,
  options: ExtractOptions = {},
): Promise<Extraction> {
  const timeoutMs = options.timeoutMs ?? EXTRACT_DEFAULTS.timeoutMs;
  const maxLength = options.maxLength ?? EXTRACT_DEFAULTS.maxLength;
  const zipLimits = options.zipLimits ?? DEFAULT_ZIP_LIMITS;
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      stop.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    const work = rawText(bytes, type, zipLimits, maxLength, stop.signal);
    // A late failure after the timeout has nobody to report to.
    work.catch(() => {});
    const raw = await Promise.race([work, timeout]);
    if (raw === "timeout") return { text: "", status: "timeout", detail: `over ${timeoutMs} ms` };
    if (raw.status !== "ok") return raw;
    const text = tidy(raw.text);
    if (text.length > maxLength)
      return { text: clip(text, maxLength), status: "truncated", detail: "length" };
    return { text, status: raw.complete ? "ok" : "truncated" };
  } catch (err) {
    return { text: "", status: "failed", detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

type Raw =
  | { status: "ok"; text: string; complete: boolean }
  | { status: "needs_ocr" | "failed"; text: ""; detail?: string };

async function rawText(
  bytes: Buffer,
  type: FileType,
  zipLimits: ZipLimits,
  maxLength: number,
  signal: AbortSignal,
): Promise<Raw> {
  const done = (text: string): Raw => ({ status: "ok", text, complete: true });
  const textPartLimit = Math.min(zipLimits.maxTotalUncompressed, MAX_TEXT_PART_BYTES);
  switch (type) {
    case "txt":
      return done(new TextDecoder("utf-8").decode(bytes));
    case "png":
    case "jpeg":
    case "tiff":
      return { text: "", status: "needs_ocr" };
    case "pdf": {
      const { text, complete } = await pdfText(bytes, { maxLength, signal });
      return { status: "ok", text, complete };
    }
    case "docx": {
      // Bytes may come unsniffed: the directory is checked, then only the one part is inflated,
      // never past its declared size.
      const zip = await inspectZip(bytes, zipLimits, false);
      if (!zip.ok) return { text: "", status: "failed", detail: `${zip.reason}: ${zip.detail}` };
      const xml = zip.read(mainDocumentPart(zip.read, zipLimits), textPartLimit);
      if (!xml) return { text: "", status: "failed", detail: "no readable main document part" };
      return done(wordText(xml.toString("utf8")));
    }
    case "odt": {
      const zip = await inspectZip(bytes, zipLimits, false);
      if (!zip.ok) return { text: "", status: "failed", detail: `${zip.reason}: ${zip.detail}` };
      const xml = zip.read("content.xml", textPartLimit);
      if (!xml) return { text: "", status: "failed", detail: "no readable content.xml" };
      return done(odfText(xml.toString("utf8")));
    }
  }
}

/**
 * Plain, storable text: Unix newlines, no control characters (PostgreSQL refuses NUL in text),
 * no lone surrogates, at most one blank line between paragraphs.
 */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[^\P{Cc}\t\n]/gu, "")
    .replace(/\p{Cs}/gu, "\uFFFD")
    .replace(/[^\S\n]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Cuts at `max` code units without splitting a surrogate pair. */
function clip(text: string, max: number): string {
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/** Where a Word package keeps its body: named by the package's relationships, usually word/document.xml. */
function mainDocumentPart(read: ReadEntry, limits: ZipLimits): string {
  const rels = read("_rels/.rels", limits.maxTotalUncompressed);
  const target = rels
    ? /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels.toString("utf8"))?.[0]
    : undefined;
  const path = target ? /Target="\/?([^"]+)"/.exec(target)?.[1] : undefined;
  return path ?? "word/document.xml";
}
