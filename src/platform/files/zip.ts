import zlib from "node:zlib";
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

/**
 * The content of one entry, or null when it is absent, larger than `maxBytes` or unreadable.
 * Reads from the directory already parsed, so a caller that needs a few parts does not open the
 * archive again for each.
 */
export type ReadEntry = (name: string, maxBytes: number) => Buffer | null;

export type ZipInspection =
  | {
      ok: true;
      entries: ZipEntryInfo[];
      read: ReadEntry;
    }
  | { ok: false; reason: "not_zip" | "zip_bomb"; detail: string };

/**
 * Decides whether a ZIP is safe to open: first from its central directory alone (entry count,
 * total size, ratio per entry), then by inflating every entry into nothing while yauzl checks
 * that it yields exactly the size the directory declares. The second pass matters because
 * headers can lie, and a library that opens the file afterwards (JSZip inside mammoth) trusts
 * them and would inflate everything into memory. Work is bounded by the limits.
 */
export async function inspectZip(
  bytes: Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  /** False: the directory checks only, for a caller that then reads single entries with `read` (bounded by their declared size). */
  inflateEntries = true,
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
    for (const entry of inflateEntries ? entries : []) {
      if (entry.fileName.endsWith("/")) continue;
      const inflated = inflateEntry(bytes, entry);
      const problem = "problem" in inflated ? inflated.problem : null;
      if (problem === "too_many_bytes") return bomb(`${entry.fileName}: inflates past its declared size`);
      if (problem) return { ok: false, reason: "not_zip", detail: `${entry.fileName}: ${problem}` };
    }
    const byName = new Map(entries.map((e) => [e.fileName, e]));
    return {
      ok: true,
      entries: entries.map((e) => ({
        name: e.fileName,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
      })),
      read: (name, maxBytes) => {
        const entry = byName.get(name);
        if (!entry || entry.uncompressedSize > maxBytes) return null;
        // The declared size is enforced while inflating, so this cannot grow past maxBytes.
        const inflated = inflateEntry(bytes, entry);
        return "data" in inflated ? inflated.data : null;
      },
    };
  } finally {
    zip.close();
  }
}

const openZip = (bytes: Buffer): Promise<ZipFile> =>
  yauzl.fromBufferPromise(bytes, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true });

/**
 * Inflates one entry in a single bounded call (no output buffer beyond its declared size): the
 * bytes, or what is wrong — "too_many_bytes" when it grows past what the directory declares,
 * another text when it is damaged. Synchronous zlib, because a stream per entry costs more than
 * the inflation on every upload, and its chunks queue behind other requests' work.
 */
function inflateEntry(bytes: Buffer, entry: Entry): { data: Buffer } | { problem: string } {
  if (entry.isEncrypted()) return { problem: "encrypted entry" };
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return { problem: "no local header" };
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) return { problem: "truncated entry" };
  if (entry.compressionMethod === 0)
    return entry.compressedSize === entry.uncompressedSize ? { data } : { problem: "size mismatch" };
  if (entry.compressionMethod !== 8) return { problem: `compression method ${entry.compressionMethod}` };
  try {
    const out = zlib.inflateRawSync(data, { maxOutputLength: entry.uncompressedSize + 1 });
    if (out.length > entry.uncompressedSize) return { problem: "too_many_bytes" };
    return out.length === entry.uncompressedSize ? { data: out } : { problem: "too few bytes" };
  } catch (err) {
    return {
      problem: (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "too_many_bytes" : message(err),
    };
  }
}

const bomb = (detail: string): ZipInspection => ({ ok: false, reason: "zip_bomb", detail });
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
