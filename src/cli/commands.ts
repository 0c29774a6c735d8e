import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createToken, createUser, findUserByUsername } from "../auth/index.ts";
import { type Config, ConfigError } from "../config.ts";
import { runDueReminders } from "../consultation/index.ts";
import { type DemoAccount, isDatabaseEmpty, seedDemo } from "../demo/seed.ts";
import {
  type ChainProblem,
  type Checkpoint,
  checkpointLine,
  parseCheckpoints,
} from "../platform/audit/audit.model.ts";
import {
  AUDIT_NOT_KEYED,
  AUDIT_WRONG_KEY,
  auditKeyState,
  startKeyedChain,
  verifyAudit,
} from "../platform/audit/audit.service.ts";
import { auditKey } from "../platform/audit/audit-key.ts";
import { utcDate } from "../platform/calendar/civil-date.ts";
import { sqliteFile } from "../platform/db/database.ts";
import { migrateToLatest, pendingMigrations } from "../platform/db/migrate.ts";
import { takeWriterLock } from "../platform/db/single-writer.ts";
import { AppError } from "../platform/errors.ts";
import { isMessageKey } from "../platform/i18n/index.ts";
import { ensureTenant } from "../platform/tenants.store.ts";
import {
  type DisposalPlan,
  exportClosedYear,
  previewDisposal,
  runDisposal,
  SKIP_REASONS,
  seedSecrecyGrounds,
} from "../registry/index.ts";
import { backup, reportOrphans, restore, verifyStoredFiles } from "./backup.ts";
import { importRemiss } from "./import-remiss.ts";
import { cliTranslator, withContext } from "./runtime.ts";
import { portProblem, serve } from "./serve.ts";

type Flags = Record<string, string | boolean | undefined>;
const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Runs one CLI command; returns its exit code, or -1 when it keeps running (serve, start). */
export async function runCommand(positionals: string[], flags: Flags, config: Config): Promise<number> {
  const [command, sub, arg] = positionals;
  const twoWord = command === "user" || command === "token" || command === "audit";
  switch (twoWord ? `${command} ${sub ?? ""}` : command) {
    case "start":
      return start(config);
    case "serve":
      return serveIfMigrated(config);
    case "migrate":
      return migrate(config);
    case "seed":
      if (!flags.demo) {
        err("kansli seed: only --demo is available");
        return 2;
      }
      return seed(config);
    case "user create":
      return userCreate(config, arg, flags);
    case "token create":
      return tokenCreate(config, arg, flags);
    case "audit verify":
      return auditVerify(config, flags.checkpoint);
    case "audit checkpoint":
      return auditCheckpoint(config);
    case "backup":
      return backup(config, sub);
    case "restore":
      return restore(config, sub, () => verify(config, undefined, false));
    case "verify":
      return verify(config, flags.checkpoint, flags.repair === true);
    case "dispose":
      return dispose(config, flags["dry-run"] === true);
    case "export-archive":
      return exportArchive(config, flags);
    case "remind":
      return remind(config);
    case "import-remiss":
      return importRemiss(config, sub, flags.json === true);
    default:
      err(`kansli: unknown command "${positionals.join(" ")}" (see kansli --help)`);
      return 2;
  }
}

function printAccounts(accounts: DemoAccount[], fixedPassword: boolean) {
  out("\nDemo accounts (one per role):");
  for (const a of accounts)
    out(
      `  ${a.username.padEnd(16)} ${a.role.padEnd(16)} ${fixedPassword ? "(KANSLI_DEMO_PASSWORD)" : a.password}`,
    );
  if (!fixedPassword) out("These passwords are shown only now. Set KANSLI_DEMO_PASSWORD to choose one.\n");
}

/** Migrates, keys an audit trail written before the audit key (once), and ensures the tenant. */
async function migrateAndEnsureTenant(config: Config): Promise<void> {
  await withContext(config, async (ctx) => {
    const ran = await migrateToLatest(ctx.db);
    for (const name of ran) out(`migrated: ${name}`);
    const before = await auditKeyState(ctx.db, auditKey());
    const after = await startKeyedChain(ctx.db, auditKey(), ctx.clock.now());
    if (after.state === "wrong_key") throw new ConfigError(AUDIT_WRONG_KEY);
    if (before.state === "not_keyed" && after.state === "keyed" && after.start.seq > 1)
      out(
        `audit: events 1–${after.start.seq - 1} keep their plain hashes; the keyed chain starts at event ${after.start.seq}`,
      );
    await ensureTenant(ctx.db, config.tenantId, ctx.clock.now());
    await seedSecrecyGrounds(ctx.db, config.tenantId, ctx.clock.now());
  });
}

async function migrate(config: Config): Promise<number> {
  await migrateAndEnsureTenant(config);
  out("database is up to date");
  return 0;
}

async function seedIfEmpty(config: Config): Promise<boolean> {
  return withContext(config, async (ctx) => {
    if (!(await isDatabaseEmpty(ctx))) return false;
    const accounts = await seedDemo(ctx, config.demoPassword);
    out(`loaded the Stockholm demo data into tenant "${config.tenantId}"`);
    printAccounts(accounts, config.demoPassword !== null);
    return true;
  });
}

async function seed(config: Config): Promise<number> {
  await migrateAndEnsureTenant(config);
  if (await seedIfEmpty(config)) return 0;
  err("kansli seed: the database already holds data; demo data is only loaded into an empty one");
  return 1;
}

/**
 * serve and start only: one server per SQLite data folder, so writes never meet "database is
 * locked" from a second server (PostgreSQL serves any number). Returns how to let go, or null
 * when another process serves the folder.
 */
function becomeTheServer(config: Config): (() => void) | null {
  if (config.databaseUrl) return () => {};
  const lock = takeWriterLock(config.dataDir);
  if (lock.held) return lock.release;
  const pid = lock.pid ? ` (pid ${lock.pid})` : "";
  err(`kansli: another kansli process already serves ${sqliteFile(config.dataDir)}${pid}; stop it first`);
  return null;
}

async function start(config: Config): Promise<number> {
  const release = await becomeTheServerOnItsPort(config, "start");
  if (!release) return 1;
  await migrateAndEnsureTenant(config);
  await seedIfEmpty(config);
  await serve(config, release, { greet: true });
  return -1;
}

/** The data folder's writer lock and a free port, or one line saying which is taken. */
async function becomeTheServerOnItsPort(config: Config, command: string): Promise<(() => void) | null> {
  const release = becomeTheServer(config);
  if (!release) return null;
  const problem = await portProblem(config);
  if (!problem) return release;
  release();
  err(`kansli ${command}: ${problem}`);
  return null;
}

async function serveIfMigrated(config: Config): Promise<number> {
  const release = await becomeTheServerOnItsPort(config, "serve");
  if (!release) return 1;
  const problem = await withContext(config, async (ctx) => {
    const pending = await pendingMigrations(ctx.db);
    if (pending.length > 0) return `${pending.length} migration(s) pending; run "kansli migrate" first`;
    const audit = await auditKeyState(ctx.db, auditKey());
    if (audit.state === "wrong_key") return AUDIT_WRONG_KEY;
    return audit.state === "not_keyed" && audit.events > 0 ? AUDIT_NOT_KEYED : null;
  });
  if (problem) {
    err(`kansli serve: ${problem}`);
    return 1;
  }
  await serve(config, release, { greet: false });
  return -1;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function printValidation(error: unknown): number {
  if (!(error instanceof AppError) || error.fields.length === 0) throw error;
  const t = cliTranslator();
  for (const f of error.fields)
    err(`  ${f.field}: ${isMessageKey(f.message) ? t(f.message, f.params) : f.message}`);
  return 1;
}

async function userCreate(config: Config, username: string | undefined, flags: Flags): Promise<number> {
  if (!username || typeof flags.role !== "string") {
    err("usage: kansli user create <username> --role <role> [--unit <unit id>] [--password-stdin]");
    return 2;
  }
  // Never prompt: the password comes from standard input only when asked for, else it is generated.
  const generated = !flags["password-stdin"];
  const password = generated ? crypto.randomBytes(15).toString("base64url") : await readStdin();
  return withContext(config, async (ctx) => {
    try {
      await createUser(ctx, "system", {
        username,
        displayName: typeof flags.name === "string" ? flags.name : username,
        role: flags.role,
        unitId: flags.unit,
        email: flags.email,
        password,
      });
    } catch (error) {
      err(`kansli user create: the account was not created:`);
      return printValidation(error);
    }
    out(`created user ${username} (${String(flags.role)})`);
    if (generated) out(`password: ${password}`);
    return 0;
  });
}

async function tokenCreate(config: Config, username: string | undefined, flags: Flags): Promise<number> {
  if (!username) {
    err("usage: kansli token create <username> [--name <name>]");
    return 2;
  }
  return withContext(config, async (ctx) => {
    const user = await findUserByUsername(ctx.db, config.tenantId, username);
    if (!user) {
      err(`kansli token create: no user "${username}"`);
      return 1;
    }
    const name = typeof flags.name === "string" ? flags.name : `cli ${utcDate(ctx.clock.now())}`;
    try {
      const { token } = await createToken(ctx, "system", user, { name });
      out(`API token for ${username} (shown only now):`);
      out(token);
      return 0;
    } catch (error) {
      return printValidation(error);
    }
  });
}

function verifyFailure(failure: { seq: number; problem: ChainProblem; count: number }): string {
  switch (failure.problem) {
    case "key":
      return `audit trail cannot be checked: ${AUDIT_WRONG_KEY} (or its keyed start, event ${failure.seq}, was changed)`;
    case "not_keyed":
      return `audit trail cannot be checked: ${AUDIT_NOT_KEYED}`;
    case "checkpoint":
      return `audit trail broken at event ${failure.seq}: checkpoint (its hash differs from the checkpoint's: it or an event before it was changed)`;
    default:
      return `audit trail broken at event ${failure.seq}: ${failure.problem} (${failure.count} events before it are intact)`;
  }
}

/** The chain, and with --checkpoint FILE each checkpoint in the file (one JSON line each). */
async function auditVerify(config: Config, checkpointFile: Flags[string]): Promise<number> {
  let checkpoints: Checkpoint[] = [];
  if (checkpointFile !== undefined) {
    if (typeof checkpointFile !== "string" || !fs.existsSync(checkpointFile)) {
      err(`kansli audit verify: --checkpoint needs a file written by "kansli audit checkpoint"`);
      return 2;
    }
    const parsed = parseCheckpoints(fs.readFileSync(checkpointFile, "utf8"));
    if (!Array.isArray(parsed)) {
      err(`kansli audit verify: line ${parsed.badLine} of ${checkpointFile} is not a checkpoint`);
      return 2;
    }
    checkpoints = parsed;
  }
  return withContext(config, async (ctx) => {
    const result = await verifyAudit(ctx.db, auditKey(), checkpoints);
    if (!result.ok) {
      err(verifyFailure(result));
      return 1;
    }
    const start = result.keyedStart;
    const plain =
      start && start.seq > 1
        ? `; events 1–${start.seq - 1} carry plain hashes from before the audit key, keyed since ${start.since}`
        : "";
    const pinned = checkpoints.length > 0 ? `; matches ${checkpoints.length} checkpoint(s)` : "";
    out(`audit trail intact: ${result.count} events${plain}${pinned}`);
    return 0;
  });
}

/** After a restore and on a schedule: the audit chain and every stored file the database references. */
async function verify(config: Config, checkpointFile: Flags[string], repair: boolean): Promise<number> {
  const audit = await auditVerify(config, checkpointFile);
  if (audit === 2) return audit;
  const files = await verifyStoredFiles(config);
  await reportOrphans(config, repair);
  return audit === 0 && files === 0 ? 0 : 1;
}

/** The head of a verified trail as one JSON line, to keep outside the database. */
async function auditCheckpoint(config: Config): Promise<number> {
  return withContext(config, async (ctx) => {
    const result = await verifyAudit(ctx.db, auditKey());
    if (!result.ok) {
      err(verifyFailure(result));
      return 1;
    }
    if (!result.last) {
      err("kansli audit checkpoint: the audit trail is empty");
      return 1;
    }
    out(checkpointLine({ ...result.last, takenAt: ctx.clock.now().toISOString() }));
    return 0;
  });
}

/** R6 from the command line (e.g. nightly): the same run as the confirm button on /admin/gallring. */
async function dispose(config: Config, dryRun: boolean): Promise<number> {
  return withContext(config, async (ctx) => {
    const plan = dryRun ? await previewDisposal(ctx) : await runDisposal(ctx, "system");
    printPlan(plan, dryRun);
    return 0;
  });
}

function printPlan(plan: DisposalPlan, dryRun: boolean) {
  const t = cliTranslator();
  for (const c of plan.eligible)
    out(`  ${c.diaryNumber}  ${c.fileName} (v${c.version})  ${c.reference}  ${c.retentionEnds}`);
  out(`${dryRun ? "would dispose of" : "disposed of"} ${plan.eligible.length} file version(s)`);
  for (const reason of SKIP_REASONS)
    if (plan.skipped[reason] > 0)
      out(`  not disposed of: ${plan.skipped[reason]}  ${t(`disposal.reason.${reason}`)}`);
}

/** One pass of the consultation reminder worker (e.g. from cron): due reminders and overdue closings. */
async function remind(config: Config): Promise<number> {
  return withContext(config, async (ctx) => {
    const { sent, closed } = await runDueReminders(ctx);
    out(`sent ${sent} reminder(s), closed ${closed} consultation(s)`);
    return 0;
  });
}

/** R10: every case of a registry closed in a year as one E-ARK SIP (.zip) at --out. */
async function exportArchive(config: Config, flags: Flags): Promise<number> {
  if (typeof flags.out !== "string" || flags.out === "") {
    err("kansli export-archive: --registry <prefix> --year <year> --out <file.zip>");
    return 2;
  }
  const target = path.resolve(flags.out);
  const t = cliTranslator();
  try {
    const pkg = await withContext(config, (ctx) =>
      exportClosedYear(ctx, "system", { registry: flags.registry, year: flags.year }, target),
    );
    out(`${pkg.file}: ${pkg.caseCount} cases, ${pkg.size} bytes, SHA-256 ${pkg.sha256}`);
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    for (const f of error.fields) err(isMessageKey(f.message) ? t(f.message, f.params) : f.message);
    return 1;
  }
}
