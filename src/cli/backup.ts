import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.ts";
import {
  checkStoredFiles,
  RestoreRefused,
  restoreBackup,
  writeBackup,
} from "../platform/backup/backup.service.ts";
import { findOrphans, sweepOrphans } from "../platform/backup/orphans.ts";
import { NotAnArchiveError } from "../platform/backup/tar.ts";
import { lastBackupFile } from "../platform/metrics.ts";
import { withContext } from "./runtime.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** One archive (tar) with the database copy (SQLite), every stored file and the manifest. */
export async function backup(config: Config, file: string | undefined): Promise<number> {
  if (!file) {
    err("usage: kansli backup <file.tar>");
    return 2;
  }
  const folder = path.dirname(path.resolve(file));
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    err(`kansli backup: the folder ${folder} does not exist; create it first`);
    return 1;
  }
  if (fs.existsSync(file)) {
    err(`kansli backup: ${file} exists; choose a new file name`);
    return 1;
  }
  return withContext(config, async (ctx, open) => {
    const manifest = await writeBackup(open, ctx.files, file, ctx.clock.now());
    const size = manifest.files.reduce((sum, f) => sum + f.size, 0);
    const database = manifest.database === "sqlite" ? "the database and " : "";
    out(`backup written to ${file}: ${database}${manifest.files.length} stored file(s), ${size} bytes`);
    if (manifest.database === "postgres")
      out("the database itself is not in it: back it up with pg_dump (docs/operations.md)");
    for (const m of manifest.missing) err(`stored file missing, not in the backup: ${m.sha256} (${m.where})`);
    if (manifest.missing.length > 0) return 1;
    // For /metrics (kansli_last_backup_timestamp_seconds): only a complete backup counts.
    fs.writeFileSync(
      lastBackupFile(config.dataDir),
      `${JSON.stringify({ at: new Date().toISOString(), file: path.resolve(file) })}\n`,
    );
    return 0;
  });
}

/** Unpacks a backup into the (empty) data folder, checks it against its manifest, then verifies. */
export async function restore(
  config: Config,
  file: string | undefined,
  verify: () => Promise<number>,
): Promise<number> {
  if (!file || !fs.existsSync(file)) {
    err("usage: kansli restore <backup file written by kansli backup>");
    return 2;
  }
  let damaged: string[];
  try {
    ({ damaged } = restoreBackup(file, config));
  } catch (error) {
    if (
      !(error instanceof RestoreRefused || error instanceof NotAnArchiveError || error instanceof SyntaxError)
    )
      throw error;
    err(`kansli restore: ${error.message}`);
    return 1;
  }
  for (const f of damaged) err(`restored file does not match the manifest: ${f}`);
  if (damaged.length > 0) return 1;
  out(`restored ${file} into ${config.dataDir}`);
  return verify();
}

/** Every stored file the database references, present with its SHA-256. */
export async function verifyStoredFiles(config: Config): Promise<number> {
  return withContext(config, async (ctx) => {
    const { checked, problems } = await checkStoredFiles(ctx.db, ctx.files);
    for (const p of problems) err(`stored file ${p.problem}: ${p.sha256} (${p.where})`);
    if (problems.length > 0) {
      err(`${problems.length} of ${checked} stored file(s) missing or changed`);
      return 1;
    }
    out(`stored files intact: ${checked} files`);
    return 0;
  });
}

/**
 * Stored files nothing references (orphans, over an hour old): listed, or with `repair` removed
 * with any half-written temporary files. They are no record, so they never fail `verify`.
 */
export async function reportOrphans(config: Config, repair: boolean): Promise<void> {
  await withContext(config, async (ctx) => {
    if (repair) {
      const { orphans, leftovers } = await sweepOrphans(ctx.db, ctx.files);
      for (const o of orphans) out(`removed unreferenced stored file ${o.sha256}`);
      out(`removed ${orphans.length} unreferenced stored file(s) and ${leftovers} half-written one(s)`);
      return;
    }
    const orphans = await findOrphans(ctx.db, ctx.files);
    for (const o of orphans) out(`unreferenced stored file ${o.sha256} (stored ${o.putAt.toISOString()})`);
    if (orphans.length > 0)
      out(
        `${orphans.length} unreferenced stored file(s) over an hour old: kansli verify --repair removes them`,
      );
  });
}
