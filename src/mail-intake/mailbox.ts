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

/** Where a message kansli failed on again and again is set aside, for a person to look at. */
const FAILED_FOLDER = "kansli-failed";

/** One message as read from the folder: its bytes, or only its header when it is over the size limit. */
export interface MailboxMessage {
  raw: Buffer;
  /** The whole message's size as the server gives it (RFC822.SIZE). */
  size: number;
  /** False when only the header was downloaded: the message is over `maxBytes`. */
  whole: boolean;
}

export interface MailboxHandlers {
  /** Records a message; the message is moved to `Registrerat` once this returns. */
  take: (message: MailboxMessage) => Promise<void>;
  /** Told when `take` threw: answers whether to set the message aside now or try again next round. */
  failed: (message: MailboxMessage, error: unknown) => Promise<"retry" | "set_aside">;
}

/**
 * Reads up to `batch` messages of the folder, oldest first, hands each one to `take` and then
 * moves it to the taken folder. A message is moved only after `take` has recorded it, so a stop
 * in between leaves it in the folder to be read again (and `take` knows it then). A message over
 * `maxBytes` (by the size the server gives) is read as its header only. A message `take` fails on
 * stays where it is, or goes to `kansli-failed` when `failed` says so, and the next one is read.
 * Returns how many messages were moved.
 */
export async function readMailbox(
  config: Pick<Config, "imapUrl" | "imapPassword">,
  handlers: MailboxHandlers,
  limits: { batch: number; maxBytes: number },
): Promise<number> {
  const mailbox = mailboxOf(config);
  if (!mailbox) return 0;
  const client = mailbox.client();
  await client.connect();
  try {
    const folders = await client.list();
    for (const folder of [TAKEN_FOLDER, FAILED_FOLDER])
      if (!folders.some((f) => f.path === folder)) await client.mailboxCreate(folder);
    const lock = await client.getMailboxLock(mailbox.folder);
    try {
      const uids = (await client.search({ all: true }, { uid: true })) || [];
      let moved = 0;
      for (const uid of uids.slice(0, limits.batch)) {
        const message = await fetchMessage(client, String(uid), limits.maxBytes);
        if (!message) continue;
        let folder = TAKEN_FOLDER;
        try {
          await handlers.take(message);
        } catch (error) {
          if ((await handlers.failed(message, error)) === "retry") continue;
          folder = FAILED_FOLDER;
        }
        await client.messageMove(String(uid), folder, { uid: true });
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

/** The message's size first, then its bytes: all of them, or the header alone when it is over `maxBytes`. */
async function fetchMessage(client: ImapFlow, uid: string, maxBytes: number): Promise<MailboxMessage | null> {
  const sized = await client.fetchOne(uid, { size: true }, { uid: true });
  if (!sized || sized.size === undefined) return null;
  const whole = sized.size <= maxBytes;
  const fetched = await client.fetchOne(uid, whole ? { source: true } : { headers: true }, { uid: true });
  const raw = fetched ? (whole ? fetched.source : fetched.headers) : undefined;
  return raw ? { raw, size: sized.size, whole } : null;
}
