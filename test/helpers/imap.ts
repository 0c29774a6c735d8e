import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { freePort } from "./ports.ts";

export const IMAP_USER = "registrator";
export const IMAP_PASSWORD = "test-imap-secret";

export interface TestImapServer {
  /** `imap://user@127.0.0.1:port/INBOX`, the form `KANSLI_IMAP_URL` takes. */
  url: string;
  password: string;
  /** Delivers one raw message into a folder (INBOX unless named) by IMAP APPEND. */
  deliver(raw: string | Buffer, folder?: string): Promise<void>;
  /** How many messages a folder holds (0 when it does not exist). */
  count(folder: string): Promise<number>;
  stop(): Promise<void>;
}

/** Waits until something accepts connections on the port, or fails after `ms`. */
async function waitForPort(port: number, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not listen on ${port} within ${ms} ms`);
}

async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const line = (await fs.readFile("/etc/passwd", "utf8")).split("\n").find((l) => l.startsWith(`${name}:`));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined)
    throw new Error(`no system user ${name}: is dovecot-imapd installed?`);
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Debian's dovecot as a child process on 127.0.0.1 with its own temporary configuration, one
 * passwd-file user and a maildir under a temp dir: no system service, no TLS, no root.
 */
export async function startImapServer(): Promise<TestImapServer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "kansli-imap-"));
  const port = await freePort();
  const user = os.userInfo();
  // Dovecot refuses to run its login process as root: as root, use the package's own users.
  const asRoot = user.uid === 0;
  const loginUser = asRoot ? "dovenull" : user.username;
  const internalUser = asRoot ? "dovecot" : user.username;
  // The login and auth processes run as those users and must reach the sockets and the user list.
  await fs.chmod(dir, 0o755);
  // Dovecot also refuses uid 0 for mail: as root, the mailbox belongs to the dovecot user.
  const owner = asRoot ? await systemUser(internalUser) : { uid: user.uid, gid: user.gid };
  for (const sub of ["mail", "home"]) {
    await fs.mkdir(path.join(dir, sub));
    await fs.chown(path.join(dir, sub), owner.uid, owner.gid);
  }
  await fs.writeFile(
    path.join(dir, "passwd"),
    `${IMAP_USER}:{PLAIN}${IMAP_PASSWORD}:${owner.uid}:${owner.gid}::${dir}/home::\n`,
  );
  const config = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail
default_login_user = ${loginUser}
default_internal_user = ${internalUser}
first_valid_uid = 0
mail_privileged_group =
login_trusted_networks = 127.0.0.0/8
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
service stats {
  chroot =
}
namespace inbox {
  inbox = yes
  separator = /
}
`;
  const configPath = path.join(dir, "dovecot.conf");
  await fs.writeFile(configPath, config);
  const child = spawn("/usr/sbin/dovecot", ["-F", "-c", configPath], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  try {
    await waitForPort(port, child, 10_000);
  } catch (error) {
    child.kill("SIGKILL");
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  const url = `imap://${IMAP_USER}@127.0.0.1:${port}/INBOX`;

  const withClient = async <T>(work: (client: ImapFlow) => Promise<T>): Promise<T> => {
    const client = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      auth: { user: IMAP_USER, pass: IMAP_PASSWORD },
      logger: false,
    });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.logout();
    }
  };

  return {
    url,
    password: IMAP_PASSWORD,
    deliver: (raw, folder = "INBOX") =>
      withClient(async (client) => {
        await client.append(folder, raw);
      }),
    count: (folder) =>
      withClient(async (client) => {
        const list = await client.list();
        if (!list.some((f) => f.path === folder)) return 0;
        const status = await client.status(folder, { messages: true });
        return status ? (status.messages ?? 0) : 0;
      }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

let composed = 0;

/** A message as a mail client writes it (RFC 5322 bytes), each with its own Message-ID. */
export async function composeMail(o: {
  from: string;
  subject: string;
  text?: string;
  attachments?: { filename: string; content: Buffer }[];
  headers?: Record<string, string>;
}): Promise<Buffer> {
  composed += 1;
  return new MailComposer({
    from: o.from,
    to: "remissvar@stockholm.example",
    subject: o.subject,
    text: o.text ?? "Hej, här kommer vårt svar.",
    messageId: `<m${composed}.${process.pid}.${Date.now()}@test.example>`,
    attachments: o.attachments ?? [],
    headers: o.headers ?? {},
  })
    .compile()
    .build();
}
