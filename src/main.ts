import { parseArgs } from "node:util";
import { runCommand } from "./cli/commands.ts";
import { ConfigError, loadConfig, SETTINGS } from "./config.ts";

const USAGE = `kansli – diarium, remisser och internationellt arbete

Usage: kansli <command> [options]

Commands:
  start                      migrate, load demo data if the database is empty, serve
  serve                      serve the web application and API
  migrate                    run pending database migrations
  seed --demo                load the Stockholm demo data into an empty database
  user create <username> --role <role> [--unit <unit id>] [--name <name>] [--email <address>] [--password-stdin]
  token create <username> [--name <name>]   print a new API token (on the last line)
  audit verify [--checkpoint <file>]
                             check the audit trail's keyed hash chain, and that it still agrees
                             with each checkpoint in the file
  audit checkpoint           print the trail's head (sequence, keyed hash, time) as one JSON line
                             to keep outside the database
  backup <file.tar>          one archive: a consistent copy of the SQLite database (PostgreSQL:
                             pg_dump beside it), every stored file it references, a manifest
  restore <file.tar>         unpack a backup into an empty data folder, check it, then verify
  verify [--checkpoint <file>] [--repair]
                             audit verify, and that every stored file the database references
                             is there with its SHA-256; lists stored files nothing references
                             (left by a request that failed), which --repair removes (those
                             stored over an hour ago; the server also sweeps them hourly)
  dispose [--dry-run]        dispose of file content whose retention has run out (R6); --dry-run only lists it
  remind                     send the consultation reminders due now and close overdue rounds (the server also does this every 15 minutes)
  export-archive --registry <prefix> --year <year> --out <file.zip>
                             cases of a registry closed in a year as an E-ARK SIP (R10)
  import-remiss <file> [--json]
                             read a received consultation (Word, PDF, text or scan) and print the
                             proposed case and consultation; --json prints the proposal as JSON

Settings (environment variable or flag):
${Object.values(SETTINGS)
  .map((s) => `  --${s.flag.padEnd(24)} ${s.env.padEnd(30)} ${s.meaning}`)
  .join("\n")}
`;

const settingFlags = Object.fromEntries(
  Object.values(SETTINGS).map((s) => [s.flag, { type: "string" as const }]),
);

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  try {
    const config = loadConfig(process.env, values as Record<string, string | undefined>);
    return await runCommand(positionals, values, config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`kansli: configuration error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...settingFlags,
      help: { type: "boolean", short: "h" },
      demo: { type: "boolean" },
      role: { type: "string" },
      unit: { type: "string" },
      name: { type: "string" },
      email: { type: "string" },
      "password-stdin": { type: "boolean" },
      "dry-run": { type: "boolean" },
      registry: { type: "string" },
      year: { type: "string" },
      out: { type: "string" },
      json: { type: "boolean" },
      checkpoint: { type: "string" },
      repair: { type: "boolean" },
    },
  });
}

const code = await main(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (code !== -1) process.exit(code);
