/** The processes the benchmarks start and watch: kansli and the bare route, their CPU and memory, a sign-in. */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

/**
 * CPU time a process has used (user and system), in ms: per request it is steadier than
 * requests/s on a shared machine, where time taken by other guests slows the clock, not this.
 */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  // Fields 14 and 15 of /proc/PID/stat, after the command name in parentheses.
  const fields = fs
    .readFileSync(`/proc/${pid}/stat`, "utf8")
    .replace(/^.*\) /s, "")
    .split(" ");
  // Linux counts them in USER_HZ, 100 a second.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export function memory(pid: number | undefined): { peakMb: number; currentMb: number } {
  const status = pid ? fs.readFileSync(`/proc/${pid}/status`, "utf8") : "";
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { peakMb: Math.round(kb("VmHWM") / 1024), currentMb: Math.round(kb("VmRSS") / 1024) };
}

export async function startProcess(
  command: string,
  argv: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(command, argv, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.on("exit", () => child.kill("SIGTERM"));
  const address = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${argv.join(" ")} exited with ${code}`)));
    child.stdout?.once("data", (chunk: Buffer) => resolve(chunk.toString().trim().split("\n")[0] ?? ""));
  });
  // The server logs a line per request; read and drop it so the pipe never fills.
  child.stdout?.resume();
  return { child, address };
}

/**
 * `kansli serve` as docs/operations.md says to run it in production (a bounded heap), on
 * 127.0.0.1:`port`. At log level info its first line on standard output is the "kansli is ready"
 * line that startProcess waits for. `nodeFlags` go to Node before the script (e.g. --inspect).
 */
export function startKansli(port: number, env: Record<string, string>, nodeFlags: string[] = []) {
  const script = path.resolve(import.meta.dirname, "..", "bin", "kansli.js");
  return startProcess(process.execPath, ["--max-old-space-size=256", ...nodeFlags, script, "serve"], {
    PORT: String(port),
    HOST: "127.0.0.1",
    KANSLI_LOG_LEVEL: "info",
    ...env,
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export async function waitReady(url: string) {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never became ready`);
}

/** Signs in through the login form as a person would; returns the cookies to send. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const form = await fetch(`${base}/logga-in`);
  const cookies = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const [name = "", value = ""] = pair.split("=");
      cookies.set(name, value);
    }
  };
  keep(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
  const header = () => [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const done = await fetch(`${base}/logga-in`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: header(), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, username, password }),
  });
  keep(done);
  if (done.status !== 303) throw new Error(`sign-in answered ${done.status}`);
  return header();
}
