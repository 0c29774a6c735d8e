import crypto from "node:crypto";
import fsSync from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { assertSha256, BlobCorruptError, BlobMissingError, type BlobStore, sha256Hex } from "./blob-store.ts";

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
      // Same name, same content: nothing to write. A damaged copy (which `get` refuses) is
      // replaced, so uploading the original again repairs the store.
      if (!(await holdsIntact(target, sha256, bytes.length))) await writeAtomically(root, target, bytes);
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
