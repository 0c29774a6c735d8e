import type { Ctx } from "../platform/context.ts";
import { sha256Hex } from "../platform/files/blob-store.ts";
import { startRepeatingJob } from "../platform/repeating-job.ts";
import { maxMessageBytes, queueFailedMessage, takeInMessage } from "./intake.service.ts";
import { type MailboxMessage, readMailbox } from "./mailbox.ts";
import { clearIntakeFailures, countIntakeFailure } from "./received-mail.store.ts";

/** Messages taken per round: a mail bomb is worked through a round at a time, never all in memory. */
const BATCH = 100;
/** Failures of one message before it is set aside (a passing fault gets a few rounds to clear). */
export const FAILURES_BEFORE_SET_ASIDE = 3;
/** Error text kept for the registrar: the first line of what went wrong, not a stack. */
const MAX_ERROR_CHARS = 500;

/** One round of the mailbox: every message (up to a batch) taken in and moved. Returns how many. */
export const readRegistryMailbox = (ctx: Ctx): Promise<number> =>
  readMailbox(
    ctx.config,
    {
      take: async (message) => void (await takeInMessage(ctx, message)),
      failed: (m, e) => intakeFailed(ctx, m, e),
    },
    { batch: BATCH, maxBytes: maxMessageBytes(ctx.config) },
  );

/**
 * A message taking in threw on: counted, and after a few failures queued as `intake_failed` with
 * the error and set aside in the mailbox, so the messages behind it are read. The message is set
 * aside even if it cannot be queued: it is still on the mail server, and the log says why.
 */
async function intakeFailed(
  ctx: Ctx,
  message: MailboxMessage,
  error: unknown,
): Promise<"retry" | "set_aside"> {
  const text = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_CHARS);
  const emlSha256 = sha256Hex(message.raw);
  const failures = await countIntakeFailure(ctx.db, ctx.config.tenantId, emlSha256, text);
  ctx.log.warn({ err: error, failures }, "mail intake: taking in a message failed");
  if (failures < FAILURES_BEFORE_SET_ASIDE) return "retry";
  try {
    await queueFailedMessage(ctx, message, text);
  } catch (e) {
    ctx.log.error({ err: e }, "mail intake: a message set aside could not be queued");
  }
  await clearIntakeFailures(ctx.db, ctx.config.tenantId, emlSha256);
  return "set_aside";
}

/** Reads the mailbox every `KANSLI_IMAP_POLL_SECONDS` while the server runs; off without `KANSLI_IMAP_URL`. */
export function startMailIntake(ctx: Ctx): () => void {
  if (!ctx.config.imapUrl) return () => {};
  return startRepeatingJob(ctx.log, {
    name: "mail intake",
    everyMs: ctx.config.imapPollSeconds * 1000,
    runAtStart: true,
    run: () => readRegistryMailbox(ctx),
  });
}
