/** Long enough for real names, short enough for every file system (255 bytes) and header. */
export const MAX_FILE_NAME_LENGTH = 150;

/**
 * A file name as a user's upload gave it, made safe to store, show and send back in a
 * Content-Disposition header: the last path segment only (both `/` and `\`); line breaks and
 * tabs as spaces; no other control or invisible formatting characters (NUL, zero-widths, bidi
 * overrides such as U+202E that make "fdp.exe" look like "exe.pdf"); no leading dots (hidden
 * files, `..`); no trailing dots or spaces (Windows drops them, hiding the real extension);
 * whitespace collapsed; at most `maxLength` characters with the extension kept. Null when
 * nothing usable remains.
 *
 * Blobs are stored by hash, so this name never reaches a path on our disk; it is still cleaned
 * because it is shown to people and handed to other systems (exports, downloads).
 */
export function safeFileName(name: string, maxLength = MAX_FILE_NAME_LENGTH): string | null {
  const lastSegment = name.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = lastSegment
    .replace(/[\t\n\v\f\r\p{Zl}\p{Zp}]/gu, " ")
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, "")
    .replace(/\s+/gu, " ")
    .replace(/^[.\s]+/u, "")
    .replace(/[.\s]+$/u, "");
  if (cleaned === "") return null;
  return shorten(cleaned, maxLength);
}

/** Cuts by code points (never inside a surrogate pair), keeping a short extension. */
function shorten(name: string, maxLength: number): string | null {
  const chars = Array.from(name);
  if (chars.length <= maxLength) return name;
  const ext = /\.[\p{L}\p{N}]{1,10}$/u.exec(name)?.[0] ?? "";
  const keep = maxLength - Array.from(ext).length;
  const base = chars
    .slice(0, Math.max(keep, 0))
    .join("")
    .replace(/[.\s]+$/u, "");
  if (base === "") return null;
  return base + ext;
}
