import path from "node:path";
import { pino } from "pino";
import type { Config } from "../config.ts";
import { loadAuditKey } from "../platform/audit/audit-key.ts";
import { systemClock } from "../platform/clock.ts";
import type { Ctx } from "../platform/context.ts";
import { type OpenDatabase, openDatabase } from "../platform/db/database.ts";
import { diskBlobStore } from "../platform/files/disk-blob-store.ts";
import { isLocale, type Translate, translator } from "../platform/i18n/index.ts";

/** A database and service context for one CLI command; closed when the command ends. */
export async function withContext<T>(
  config: Config,
  run: (ctx: Ctx, open: OpenDatabase) => Promise<T>,
): Promise<T> {
  const { created, generatedFile } = loadAuditKey(config);
  if (created)
    process.stderr.write(
      `kansli: created the audit key ${generatedFile}; for production set KANSLI_AUDIT_KEY_FILE (docs/operations.md)\n`,
    );
  const open = openDatabase(config);
  const log = pino({ level: config.logLevel === "info" ? "warn" : config.logLevel });
  try {
    const files = diskBlobStore(path.join(config.dataDir, "files"));
    return await run({ config, db: open.db, dialect: open.dialect, clock: systemClock, log, files }, open);
  } finally {
    await open.close();
  }
}

/** The CLI speaks Swedish unless the terminal's locale is English. */
export function cliTranslator(env: NodeJS.ProcessEnv = process.env): Translate {
  const lang = (env.LC_ALL || env.LC_MESSAGES || env.LANG || "sv").slice(0, 2);
  return translator(isLocale(lang) ? lang : "sv");
}
