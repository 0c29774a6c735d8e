import { ImapFlow } from "imapflow";
import type { Config } from "../config.ts";

/** Where the mailbox puts what kansli has taken in (created when missing). */
const TAKEN_FOLDER = "Registrerat";

/** The connection `KANSLI_IMAP_URL` names: TLS for imaps://, the user from the URL, the folder from its path. */
function mailboxOf(config: Pick<Config, "imapUrl" | "imapPassword">) {
  if (!config.imapUrl) return null;
  const url = new URL(config.imapUrl);
  const secure = url.protocol === "imaps:";
  return {
    client: () =>
      new ImapFlow({
        host: url.hostname,
        port: url.port ? Number(url.port) : secure ? 993 : 143,
        secure,
        auth: { user: decodeURIComponent(url.username), pass: config.imapPassword ?? "" },
        logger: false,
      }),
    folder: decodeURIComponent(url.pathname.replace(/^\/+/, "")) || "INBOX",
  };
}

/**
 * Reads up to `batch` messages of the folder, oldest first, hands each one's bytes to `take` and
 * then moves it to the taken folder. A message is moved only after `take` has recorded it, so a
 * stop in between leaves it in the folder to be read again (and `take` knows it then). A message
 * `take` fails on stays where it is. Returns how many messages were moved.
 */
export async function readMailbox(
  config: Pick<Config, "imapUrl" | "imapPassword">,
  take: (raw: Buffer) => Promise<void>,
  batch: number,
): Promise<number> {
  const mailbox = mailboxOf(config);
  if (!mailbox) return 0;
  const client = mailbox.client();
  await client.connect();
  try {
    const folders = await client.list();
    if (!folders.some((f) => f.path === TAKEN_FOLDER)) await client.mailboxCreate(TAKEN_FOLDER);
    const lock = await client.getMailboxLock(mailbox.folder);
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      let moved = 0;
      for (const uid of uids.slice(0, batch)) {
        const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!message || !message.source) continue;
        await take(message.source);
        await client.messageMove(String(uid), TAKEN_FOLDER, { uid: true });
        moved++;
      }
      return moved;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
