import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";

/** How far a ZIP (docx, odt) may expand before it is treated as a zip bomb. */
export interface ZipLimits {
  maxEntries: number;
  /** Sum of all entries' uncompressed sizes, in bytes. */
  maxTotalUncompressed: number;
  /** Largest uncompressed:compressed ratio allowed for an entry bigger than `ratioCheckAbove`. */
  maxRatio: number;
  ratioCheckAbove: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxTotalUncompressed: 100 * 1024 * 1024,
  maxRatio: 100,
  ratioCheckAbove: 1024 * 1024,
};

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

export type ZipInspection =
  | { ok: true; entries: ZipEntryInfo[] }
  | { ok: false; reason: "not_zip" | "zip_bomb"; detail: string };

/**
 * Decides whether a ZIP is safe to open: first from its central directory alone (entry count,
 * total size, ratio per entry), then by inflating every entry into nothing while yauzl checks
 * that it yields exactly the size the directory declares. The second pass matters because
 * headers can lie, and the libraries that open the file afterwards (JSZip inside mammoth)
 * trust them and would inflate everything into memory. Work is bounded by the limits.
 */
export async function inspectZip(
  bytes: Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<ZipInspection> {
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (err) {
    return { ok: false, reason: "not_zip", detail: message(err) };
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      return bomb(`${zip.entryCount} entries (limit ${limits.maxEntries})`);
    }
    const entries: Entry[] = [];
    let total = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        total += entry.uncompressedSize;
        if (total > limits.maxTotalUncompressed) {
          return bomb(`expands to more than ${limits.maxTotalUncompressed} bytes`);
        }
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (entry.uncompressedSize > limits.ratioCheckAbove && ratio > limits.maxRatio) {
          return bomb(`${entry.fileName} expands ${Math.round(ratio)}:1`);
        }
        entries.push(entry);
      }
    } catch (err) {
      return { ok: false, reason: "not_zip", detail: message(err) };
    }
    for (const entry of entries) {
      if (entry.fileName.endsWith("/")) continue;
      try {
        await drain(await zip.openReadStreamPromise(entry));
      } catch (err) {
        // yauzl's size check says "too many bytes": the entry inflates past what it declared.
        const detail = `${entry.fileName}: ${message(err)}`;
        return /too many bytes/.test(detail) ? bomb(detail) : { ok: false, reason: "not_zip", detail };
      }
    }
    return {
      ok: true,
      entries: entries.map((e) => ({
        name: e.fileName,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
      })),
    };
  } finally {
    zip.close();
  }
}

/**
 * The content of one entry, or null when it is absent, larger than `maxBytes` or unreadable.
 * Call `inspectZip` first for untrusted input; this reads only the one entry.
 */
export async function readZipEntry(bytes: Buffer, name: string, maxBytes: number): Promise<Buffer | null> {
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch {
    return null;
  }
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== name) continue;
      if (entry.uncompressedSize > maxBytes) return null;
      // The declared size is enforced while inflating, so this cannot grow past maxBytes.
      return await collect(await zip.openReadStreamPromise(entry));
    }
    return null;
  } catch {
    return null;
  } finally {
    zip.close();
  }
}

const openZip = (bytes: Buffer): Promise<ZipFile> =>
  yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true });

async function drain(stream: Readable): Promise<void> {
  for await (const _ of stream) {
    // Only the byte count matters, and yauzl checks it.
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const bomb = (detail: string): ZipInspection => ({ ok: false, reason: "zip_bomb", detail });
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
