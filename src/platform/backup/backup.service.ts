import fs from "node:fs";
import path from "node:path";
import { type DatabaseTarget, type OpenDatabase, openDatabase, sqliteFile } from "../db/database.ts";
import { BlobCorruptError, BlobMissingError, type BlobStore, sha256Hex } from "../files/blob-store.ts";
import { type FileReference, referencedFiles } from "./stored-files.store.ts";
import { tarEntries, tarWriter } from "./tar.ts";

/** The archive's table of contents, its last entry (`manifest.json`). */
export interface Manifest {
  kansli: "backup";
  createdAt: string;
  /** `kansli.sqlite` is in the archive only for SQLite; PostgreSQL is backed up with pg_dump. */
  database: "sqlite" | "postgres";
  files: { path: string; sha256: string; size: number }[];
  /** Files the database referenced that the store did not hold when the backup was taken. */
  missing: FileReference[];
}

const DATABASE_ENTRY = "kansli.sqlite";
const MANIFEST_ENTRY = "manifest.json";
const FILE_ENTRY = /^files\/([0-9a-f]{2})\/([0-9a-f]{2})\/\1\2[0-9a-f]{60}$/;
const blobEntry = (sha256: string) => `files/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

/**
 * Writes one tar archive (mode 0600, never over an existing file) with the database copy, every
 * stored file it references and the manifest. The references are read from the same snapshot as
 * the database copy: on SQLite from the copy made by the online backup API, on PostgreSQL inside
 * one REPEATABLE READ transaction. A blob is written before the row that names it commits, so a
 * file registered during the backup is either in the archive or not referenced by it.
 */
export async function writeBackup(
  open: OpenDatabase,
  files: BlobStore,
  file: string,
  now: Date,
): Promise<Manifest> {
  const fd = fs.openSync(file, "wx", 0o600);
  const temp = fs.mkdtempSync(path.join(path.dirname(path.resolve(file)), ".kansli-backup-"));
  try {
    fs.fchmodSync(fd, 0o600);
    const tar = tarWriter(fd);
    let references: FileReference[];
    if (open.sqlite) {
      await open.sqlite.backup(sqliteFile(temp));
      const copy = openDatabase({ databaseUrl: null, dataDir: temp });
      references = await referencedFiles(copy.db).finally(() => copy.close());
      tar.add(DATABASE_ENTRY, fs.readFileSync(sqliteFile(temp)), now);
    } else {
      references = await open.db
        .transaction()
        .setIsolationLevel("repeatable read")
        .execute((trx) => referencedFiles(trx));
    }
    const manifest: Manifest = {
      kansli: "backup",
      createdAt: now.toISOString(),
      database: open.sqlite ? "sqlite" : "postgres",
      files: [],
      missing: [],
    };
    for (const ref of references) {
      const bytes = await readBlob(files, ref);
      if (!bytes) {
        manifest.missing.push(ref);
        continue;
      }
      tar.add(blobEntry(ref.sha256), bytes, now);
      manifest.files.push({ path: blobEntry(ref.sha256), sha256: ref.sha256, size: bytes.length });
    }
    tar.add(MANIFEST_ENTRY, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), now);
    tar.end();
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    return manifest;
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(file, { force: true });
    throw error;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

async function readBlob(files: BlobStore, ref: FileReference): Promise<Buffer | null> {
  try {
    return await files.get(ref.sha256);
  } catch (error) {
    if (error instanceof BlobMissingError || error instanceof BlobCorruptError) return null;
    throw error;
  }
}

/** Why an archive cannot be restored here, in one line for the operator. */
export class RestoreRefused extends Error {
  override readonly name = "RestoreRefused";
}

/**
 * Unpacks an archive into an empty data folder and checks every restored file against the
 * manifest. The archive is read through once before anything is written, so a damaged or foreign
 * archive leaves the folder as it was. Returns the manifest and the files that do not match it.
 */
export function restoreBackup(
  archive: string,
  target: DatabaseTarget,
): { manifest: Manifest; damaged: string[] } {
  if (fs.existsSync(target.dataDir) && fs.readdirSync(target.dataDir).length > 0)
    throw new RestoreRefused(`the data folder ${target.dataDir} is not empty; restore into an empty folder`);
  let manifest: Manifest | null = null;
  const seen = new Set<string>();
  for (const entry of tarEntries(archive)) {
    if (seen.has(entry.name)) throw new RestoreRefused(`${archive} holds "${entry.name}" twice`);
    seen.add(entry.name);
    if (entry.name === MANIFEST_ENTRY) manifest = JSON.parse(entry.bytes.toString("utf8")) as Manifest;
    else if (entry.name !== DATABASE_ENTRY && !FILE_ENTRY.test(entry.name))
      throw new RestoreRefused(`${archive} holds "${entry.name}", which is not part of a kansli backup`);
  }
  if (manifest?.kansli !== "backup")
    throw new RestoreRefused(`${archive} is not a kansli backup (no manifest)`);
  const onPostgres = Boolean(target.databaseUrl);
  if (manifest.database === "sqlite" && onPostgres)
    throw new RestoreRefused("the backup holds a SQLite database, but DATABASE_URL names PostgreSQL");
  if (manifest.database === "postgres" && !onPostgres)
    throw new RestoreRefused(
      "the backup holds no database (PostgreSQL): set DATABASE_URL to the database restored with pg_restore",
    );

  const filesDir = path.join(target.dataDir, "files");
  fs.mkdirSync(filesDir, { recursive: true, mode: 0o700 });
  for (const entry of tarEntries(archive)) {
    if (entry.name === MANIFEST_ENTRY) continue;
    const out = path.join(target.dataDir, entry.name);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, entry.bytes, { mode: entry.name === DATABASE_ENTRY ? 0o600 : 0o640, flag: "wx" });
  }
  const damaged = manifest.files
    .filter((f) => {
      const out = path.join(target.dataDir, f.path);
      if (!FILE_ENTRY.test(f.path) || !fs.existsSync(out)) return true;
      const bytes = fs.readFileSync(out);
      return bytes.length !== f.size || sha256Hex(bytes) !== f.sha256;
    })
    .map((f) => f.path);
  return { manifest, damaged };
}

/** A referenced file the store does not hold intact. */
export interface StoredFileProblem extends FileReference {
  problem: "missing" | "changed";
}

/** Checks that every file the database references is in the store with its SHA-256. */
export async function checkStoredFiles(
  db: OpenDatabase["db"],
  files: BlobStore,
): Promise<{ checked: number; problems: StoredFileProblem[] }> {
  const references = await referencedFiles(db);
  const problems: StoredFileProblem[] = [];
  for (const ref of references) {
    try {
      await files.get(ref.sha256);
    } catch (error) {
      if (error instanceof BlobMissingError) problems.push({ ...ref, problem: "missing" });
      else if (error instanceof BlobCorruptError) problems.push({ ...ref, problem: "changed" });
      else throw error;
    }
  }
  return { checked: references.length, problems };
}
