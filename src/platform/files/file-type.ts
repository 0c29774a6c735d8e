import { DEFAULT_ZIP_LIMITS, inspectZip, type ReadEntry, type ZipLimits } from "./zip.ts";

/** The file types a document may have, with the extensions that claim them and the MIME type served. */
export const FILE_TYPES = {
  docx: {
    extensions: ["docx"],
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  },
  pdf: { extensions: ["pdf"], mime: "application/pdf" },
  odt: { extensions: ["odt"], mime: "application/vnd.oasis.opendocument.text" },
  txt: { extensions: ["txt"], mime: "text/plain; charset=utf-8" },
  png: { extensions: ["png"], mime: "image/png" },
  jpeg: { extensions: ["jpg", "jpeg"], mime: "image/jpeg" },
  tiff: { extensions: ["tif", "tiff"], mime: "image/tiff" },
} as const satisfies Record<string, { extensions: readonly string[]; mime: string }>;

export type FileType = keyof typeof FILE_TYPES;
export type SniffRefusal = "extension_not_allowed" | "content_mismatch" | "empty" | "zip_bomb";
export type SniffResult = { ok: true; type: FileType; mime: string } | { ok: false; reason: SniffRefusal };

/** The type a file name claims by its extension (case-insensitive), or null when not allowed. */
export function fileTypeOfName(fileName: string): FileType | null {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const [type, spec] of Object.entries(FILE_TYPES)) {
    if ((spec.extensions as readonly string[]).includes(ext)) return type as FileType;
  }
  return null;
}

/**
 * Accepts a file only when its extension is allowed and its bytes really are that type, so
 * what the registry stores, indexes and serves is what its name says. ZIP-based types are
 * checked for zip bombs before any entry is read.
 *
 * HTML in a .txt file is accepted: it is valid text, is always served as text/plain with
 * `nosniff`, and refusing it would also refuse letters that quote markup. Text must be UTF-8
 * without NUL bytes (so UTF-16 "Unicode" text from old Notepad is refused: save as UTF-8).
 */
export async function sniffFileType(
  bytes: Buffer,
  fileName: string,
  zipLimits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<SniffResult> {
  const type = fileTypeOfName(fileName);
  if (!type) return { ok: false, reason: "extension_not_allowed" };
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  const verdict = await contentIs(type, bytes, zipLimits);
  if (verdict !== "yes") return { ok: false, reason: verdict === "bomb" ? "zip_bomb" : "content_mismatch" };
  return { ok: true, type, mime: FILE_TYPES[type].mime };
}

type Verdict = "yes" | "no" | "bomb";

async function contentIs(type: FileType, bytes: Buffer, zipLimits: ZipLimits): Promise<Verdict> {
  switch (type) {
    case "pdf":
      // At offset 0, not "within the first 1024 bytes" as lenient readers allow: no prefix means
      // no HTML/PDF polyglot.
      return yes(startsWith(bytes, "%PDF-"));
    case "png":
      return yes(startsWith(bytes, "\x89PNG\r\n\x1a\n"));
    case "jpeg":
      return yes(startsWith(bytes, "\xff\xd8\xff"));
    case "tiff":
      // Little- or big-endian, classic (42) or BigTIFF (43).
      return yes(["II*\0", "MM\0*", "II+\0", "MM\0+"].some((magic) => startsWith(bytes, magic)));
    case "txt":
      return yes(isUtf8Text(bytes));
    case "docx":
      return zipHolds(bytes, zipLimits, (names, read) => {
        if (!names.has("[Content_Types].xml") || !names.has("word/document.xml")) return false;
        // The main part's content type tells a document from a macro-enabled one (.docm) or a
        // template renamed .docx; only a plain document is accepted.
        const types = read("[Content_Types].xml", 1024 * 1024);
        return types?.toString("utf8").includes("wordprocessingml.document.main+xml") ?? false;
      });
    case "odt":
      return zipHolds(bytes, zipLimits, (names, read) => {
        if (!names.has("mimetype") || !names.has("content.xml")) return false;
        const mimetype = read("mimetype", 256);
        return mimetype?.toString("latin1") === FILE_TYPES.odt.mime;
      });
  }
}

async function zipHolds(
  bytes: Buffer,
  limits: ZipLimits,
  check: (names: Set<string>, read: ReadEntry) => boolean,
): Promise<Verdict> {
  if (!startsWith(bytes, "PK\x03\x04")) return "no";
  const zip = await inspectZip(bytes, limits);
  if (!zip.ok) return zip.reason === "zip_bomb" ? "bomb" : "no";
  return yes(check(new Set(zip.entries.map((e) => e.name)), zip.read));
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const startsWith = (bytes: Buffer, magic: string): boolean =>
  bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(Buffer.from(magic, "latin1"));

const yes = (ok: boolean): Verdict => (ok ? "yes" : "no");
