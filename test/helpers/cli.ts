import { spawn } from "node:child_process";
import path from "node:path";
import { TEST_AUDIT_KEY, type TestDatabase } from "./database.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment that points the real `kansli` command at a test database. */
export function cliEnv(database: TestDatabase): Record<string, string> {
  const { target } = database;
  const env: Record<string, string> = {
    KANSLI_DATA_DIR: target.dataDir,
    KANSLI_LOG_LEVEL: "warn",
    KANSLI_AUDIT_KEY: TEST_AUDIT_KEY,
    LANG: "sv_SE.UTF-8",
  };
  if (target.databaseUrl) {
    const url = new URL(target.databaseUrl);
    if (target.pgSchema) url.searchParams.set("options", `-c search_path=${target.pgSchema}`);
    env.DATABASE_URL = url.toString();
  }
  return env;
}

/** Runs `kansli …` as a user would, with standard input closed unless given (it must never wait). */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.resolve("bin/kansli.js"), ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
      timeout: 60_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    if (stdin !== undefined) child.stdin.write(stdin);
    child.stdin.end();
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** The address a server's "kansli is ready" log line (JSON, on standard output) names. */
export function readyUrl(stdout: string): string | null {
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; url?: string };
    if (entry.msg === "kansli is ready" && entry.url) return entry.url;
  }
  return null;
}

/**
 * Starts `kansli serve|start …` as a real process (logging at `info`) and waits until it logs
 * that it is ready.
 */
export function startServer(args: string[], env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [path.resolve("bin/kansli.js"), ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, KANSLI_LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = "";
    let errors = "";
    child.stderr.on("data", (d) => {
      errors += d;
    });
    child.stdout.on("data", (d) => {
      out += d;
      const url = readyUrl(out.slice(0, out.lastIndexOf("\n") + 1));
      if (url)
        resolve({
          url,
          pid: child.pid ?? 0,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
    });
    void exited.then((code) => reject(new Error(`kansli ${args[0]} exited with ${code}: ${errors}`)));
  });
}
