import type { Ctx } from "../platform/context.ts";
import { startRepeatingJob } from "../platform/repeating-job.ts";
import { takeInMessage } from "./intake.service.ts";
import { readMailbox } from "./mailbox.ts";

/** Messages taken per round: a mail bomb is worked through a round at a time, never all in memory. */
const BATCH = 100;

/** One round of the mailbox: every message (up to a batch) taken in and moved. Returns how many. */
export const readRegistryMailbox = (ctx: Ctx): Promise<number> =>
  readMailbox(ctx.config, async (raw) => void (await takeInMessage(ctx, raw)), BATCH);

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
