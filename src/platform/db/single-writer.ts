import fs from "node:fs";
import SqliteDatabase from "better-sqlite3";
import { sqliteFile } from "./database.ts";

export type WriterLock = { held: true; release(): void } | { held: false; pid: number | null };

/**
 * Makes this process the one server of a SQLite data folder, for as long as it lives: a second
 * SQLite file, `kansli.sqlite.lock`, opened in EXCLUSIVE locking mode and written once (our pid,
 * as its user_version), keeps SQLite's exclusive file lock until the connection closes. The
 * operating system drops the lock when the process ends, however it ends, so a crash leaves
 * nothing stale. The main database is untouched: CLI commands keep working beside the server.
 */
export function takeWriterLock(dataDir: string): WriterLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = `${sqliteFile(dataDir)}.lock`;
  // No busy timeout: a held lock is an answer, not something to wait for.
  const lock = new SqliteDatabase(file, { timeout: 0 });
  try {
    lock.pragma("locking_mode = EXCLUSIVE");
    lock.pragma("journal_mode = MEMORY");
    lock.pragma(`user_version = ${process.pid}`);
  } catch (error) {
    lock.close();
    if ((error as { code?: unknown }).code === "SQLITE_BUSY") return { held: false, pid: holderPid(file) };
    throw error;
  }
  return { held: true, release: () => lock.close() };
}

/** The holder's pid, read from the SQLite header's user_version field (bytes 60–63). */
function holderPid(file: string): number | null {
  const header = Buffer.alloc(4);
  const fd = fs.openSync(file, "r");
  try {
    const read = fs.readSync(fd, header, 0, 4, 60);
    const pid = read === 4 ? header.readUInt32BE(0) : 0;
    return pid > 0 ? pid : null;
  } finally {
    fs.closeSync(fd);
  }
}
