import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { type Config, ConfigError } from "../../config.ts";

export interface LoadedAuditKey {
  key: Buffer;
  /** The generated key file in use when no key is configured (SQLite only); null otherwise. */
  generatedFile: string | null;
  /** Whether this call created that file. */
  created: boolean;
}

const MIN_LENGTH = 32;

/**
 * The key of the audit chain, loaded once per process (by `buildApp` and by each CLI command)
 * and kept out of the database: someone who can rewrite the database cannot recompute the
 * hashes. `appendAudit` reads it here rather than from a parameter, so its many callers need
 * not carry it.
 */
let processKey: Buffer | null = null;

export function auditKey(): Buffer {
  if (!processKey) throw new Error("kansli: the audit key has not been loaded (loadAuditKey)");
  return processKey;
}

/** Where an unconfigured SQLite installation keeps its key: beside the data folder, not in it. */
export const generatedKeyFile = (dataDir: string): string => `${path.resolve(dataDir)}-audit.key`;

function insideDataDir(file: string, dataDir: string): boolean {
  const relative = path.relative(path.resolve(dataDir), path.resolve(file));
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

function readKeyFile(file: string, setting: string): Buffer {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new ConfigError(`${setting}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  if (text.length < MIN_LENGTH)
    throw new ConfigError(`${setting}: ${file} must hold at least ${MIN_LENGTH} characters`);
  return Buffer.from(text, "utf8");
}

/**
 * KANSLI_AUDIT_KEY, else the file KANSLI_AUDIT_KEY_FILE (which must lie outside the data
 * folder). With neither, PostgreSQL stops with a configuration error; SQLite (the demo, `npm
 * start`) uses `<data folder>-audit.key`, creating it with a random key on first use.
 */
export function loadAuditKey(config: Config): LoadedAuditKey {
  const loaded = readAuditKey(config);
  processKey = loaded.key;
  return loaded;
}

function readAuditKey(config: Config): LoadedAuditKey {
  if (config.auditKey)
    return { key: Buffer.from(config.auditKey, "utf8"), generatedFile: null, created: false };
  if (config.auditKeyFile) {
    if (insideDataDir(config.auditKeyFile, config.dataDir))
      throw new ConfigError(
        `KANSLI_AUDIT_KEY_FILE: ${config.auditKeyFile} is inside the data folder; keep the key apart from the data it protects`,
      );
    return {
      key: readKeyFile(config.auditKeyFile, "KANSLI_AUDIT_KEY_FILE"),
      generatedFile: null,
      created: false,
    };
  }
  if (config.databaseUrl)
    throw new ConfigError(
      "KANSLI_AUDIT_KEY_FILE: PostgreSQL needs an audit key; create one with `openssl rand -base64 32` (docs/operations.md, Audit trail check)",
    );
  const file = generatedKeyFile(config.dataDir);
  let created = false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString("base64")}\n`, { flag: "wx", mode: 0o400 });
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return { key: readKeyFile(file, "KANSLI_AUDIT_KEY_FILE"), generatedFile: file, created };
}
