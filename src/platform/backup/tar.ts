import fs from "node:fs";

/**
 * A minimal POSIX ustar archive of regular files, so a backup opens with `tar -xf` on any
 * machine. Names stay under 100 bytes (the backup's own layout), so no extension headers.
 */
const BLOCK = 512;

function header(name: string, size: number, mtime: Date): Buffer {
  if (Buffer.byteLength(name) > 99) throw new Error(`tar: name too long: ${name}`);
  const h = Buffer.alloc(BLOCK);
  const field = (value: string, offset: number, length: number) => h.write(value, offset, length, "ascii");
  const octal = (value: number, offset: number, length: number) =>
    field(`${value.toString(8).padStart(length - 1, "0")}\0`, offset, length);
  h.write(name, 0, 100, "utf8");
  octal(0o600, 100, 8);
  octal(0, 108, 8);
  octal(0, 116, 8);
  octal(size, 124, 12);
  octal(Math.floor(mtime.getTime() / 1000), 136, 12);
  field("        ", 148, 8);
  field("0", 156, 1);
  field("ustar\0", 257, 6);
  field("00", 263, 2);
  let sum = 0;
  for (const byte of h) sum += byte;
  field(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return h;
}

/** Appends files to an archive open as `fd`; `end` writes the closing blocks. */
export function tarWriter(fd: number) {
  return {
    add(name: string, bytes: Buffer, mtime = new Date()): void {
      fs.writeSync(fd, header(name, bytes.length, mtime));
      fs.writeSync(fd, bytes);
      const pad = (BLOCK - (bytes.length % BLOCK)) % BLOCK;
      if (pad > 0) fs.writeSync(fd, Buffer.alloc(pad));
    },
    end(): void {
      fs.writeSync(fd, Buffer.alloc(BLOCK * 2));
    },
  };
}

export class NotAnArchiveError extends Error {
  override readonly name = "NotAnArchiveError";
}

/** Every regular file of an archive, in order, read one at a time (a file is held in memory only while visited). */
export function* tarEntries(file: string): Generator<{ name: string; bytes: Buffer }> {
  const fd = fs.openSync(file, "r");
  try {
    const h = Buffer.alloc(BLOCK);
    let position = 0;
    for (;;) {
      if (fs.readSync(fd, h, 0, BLOCK, position) < BLOCK)
        throw new NotAnArchiveError("the archive ends early");
      if (h.every((b) => b === 0)) return;
      if (h.toString("ascii", 257, 262) !== "ustar") throw new NotAnArchiveError("not a tar archive");
      const name = h.toString("utf8", 0, 100).replace(/\0.*$/s, "");
      const size = Number.parseInt(h.toString("ascii", 124, 136).replace(/\0.*$/s, "").trim() || "0", 8);
      const bytes = Buffer.alloc(size);
      if (size > 0 && fs.readSync(fd, bytes, 0, size, position + BLOCK) < size)
        throw new NotAnArchiveError("the archive ends early");
      position += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
      if (h.toString("ascii", 156, 157) === "0" || h[156] === 0) yield { name, bytes };
    }
  } finally {
    fs.closeSync(fd);
  }
}
