import crypto from "node:crypto";
import fsSync from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import {
  assertSha256,
  BlobCorruptError,
  BlobMissingError,
  type BlobStore,
  isSha256,
  sha256Hex,
} from "./blob-store.ts";

/**
 * A BlobStore in a folder: `dir/ab/cd/<sha256>`. Two levels of fan-out keep folders small
 * (65,536 leaves) for millions of files. Holds no state in memory, so any number of processes
 * may share the folder. The folder is made when the store is opened, so a new installation is
 * ready at once; one that disappears later is not made again behind the operator's back by a
 * read, and `reachable` reports it.
 */
export function diskBlobStore(dir: string): BlobStore {
  const root = path.resolve(dir);
  fsSync.mkdirSync(root, { recursive: true });
  const pathOf = (sha256: string): string => {
    assertSha256(sha256);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const target = pathOf(sha256);
      // Same name, same content: nothing to write, but the put is dated, so that the orphan sweep
      // does not take bytes a transaction is about to reference. A damaged copy (which `get`
      // refuses) is replaced, so uploading the original again repairs the store.
      if (await holdsIntact(target, sha256, bytes.length)) {
        const now = new Date();
        await fs.utimes(target, now, now);
      } else await writeAtomically(root, target, bytes);
      return { sha256, size: bytes.length };
    },

    async get(sha256) {
      const file = pathOf(sha256);
      let bytes: Buffer;
      try {
        bytes = await fs.readFile(file);
      } catch (err) {
        if (isCode(err, "ENOENT")) throw new BlobMissingError(sha256);
        throw err;
      }
      const actual = sha256Hex(bytes);
      if (actual !== sha256) throw new BlobCorruptError(sha256, actual);
      return bytes;
    },

    async has(sha256) {
      return (await sizeOf(pathOf(sha256))) !== null;
    },

    async remove(sha256) {
      // Folders are left in place: removing them could race with a put in another process.
      await fs.rm(pathOf(sha256), { force: true });
    },

    async *list() {
      for await (const file of filesUnder(root)) {
        const name = path.basename(file);
        if (!isSha256(name)) continue;
        const stat = await statOrNull(file);
        if (stat) yield { sha256: name, putAt: stat.mtime };
      }
    },

    async removeLeftovers(before) {
      let removed = 0;
      for await (const file of filesUnder(root)) {
        if (!TEMPORARY.test(path.basename(file))) continue;
        const stat = await statOrNull(file);
        if (stat && stat.mtime < before) {
          await fs.rm(file, { force: true });
          removed += 1;
        }
      }
      return removed;
    },

    async reachable() {
      try {
        await fs.access(root, fsSync.constants.R_OK | fsSync.constants.W_OK | fsSync.constants.X_OK);
        return (await fs.stat(root)).isDirectory();
      } catch {
        return false;
      }
    },
  };
}

/**
 * Writes to a temporary file in the target's folder, flushes it, then renames it over the
 * target: readers see the whole file or none, even after a crash (rename is atomic within one
 * file system). Concurrent writers of the same content each use their own temporary file.
 */
async function writeAtomically(root: string, target: string, bytes: Buffer): Promise<void> {
  const folder = path.dirname(target);
  const created = await fs.mkdir(folder, { recursive: true });
  const temp = path.join(folder, `.${path.basename(target)}.${crypto.randomBytes(6).toString("hex")}.tmp`);
  try {
    const handle = await fs.open(temp, "wx", 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  // The rename (and any new folders) are durable only once their parent folders are flushed.
  await syncFolder(folder);
  if (created) {
    await syncFolder(path.dirname(folder));
    await syncFolder(root);
  }
}

async function syncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, "r");
    await handle.sync();
  } catch (err) {
    // Some platforms and file systems cannot open or fsync a folder; the file itself was synced.
    if (!isCode(err, "EISDIR") && !isCode(err, "EPERM") && !isCode(err, "EINVAL")) throw err;
  } finally {
    await handle?.close();
  }
}

/** A temporary file of `writeAtomically`: `.<sha256>.<random>.tmp`. */
const TEMPORARY = /^\.[0-9a-f]{64}\.[0-9a-f]{12}\.tmp$/;

/**
 * The files in the two levels of fan-out folders (`ab/cd/…`), skipping anything else; one leaf
 * folder at a time, so a store of millions is never listed in memory at once.
 */
async function* filesUnder(root: string): AsyncGenerator<string> {
  const fanOut = async (dir: string) =>
    (await fs.readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name))
      .map((e) => path.join(dir, e.name));
  for (const first of await fanOut(root))
    for (const second of await fanOut(first))
      for (const e of await fs.readdir(second, { withFileTypes: true }))
        if (e.isFile()) yield path.join(second, e.name);
}

async function statOrNull(file: string) {
  try {
    return await fs.stat(file);
  } catch (err) {
    if (isCode(err, "ENOENT")) return null;
    throw err;
  }
}

async function holdsIntact(file: string, sha256: string, size: number): Promise<boolean> {
  if ((await sizeOf(file)) !== size) return false;
  try {
    return sha256Hex(await fs.readFile(file)) === sha256;
  } catch (err) {
    if (isCode(err, "ENOENT")) return false;
    throw err;
  }
}

async function sizeOf(file: string): Promise<number | null> {
  try {
    const stat = await fs.stat(file);
    return stat.isFile() ? stat.size : null;
  } catch (err) {
    if (isCode(err, "ENOENT")) return null;
    throw err;
  }
}

const isCode = (err: unknown, code: string): boolean =>
  typeof err === "object" && err !== null && (err as { code?: unknown }).code === code;
