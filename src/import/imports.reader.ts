import type { Ctx } from "../platform/context.ts";
import { readImport } from "./imports.service.ts";
import { readingDraftIds } from "./imports.store.ts";

export interface ImportReader {
  /** Reads the drafts waiting to be read, now: called after an upload and at start. */
  kick(): void;
  /** Stops the reading in progress (its draft stays `reading`, read again at the next start). */
  stop(): Promise<void>;
}

/**
 * The background reader, in the server's process: one document at a time (its pages in parallel
 * on the two cores), oldest first. At start it takes up the drafts a stopped server left reading,
 * so every upload ends read or failed.
 */
export function importReader(ctx: Ctx): ImportReader {
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let again = false;
  const drain = async () => {
    do {
      again = false;
      for (const id of await readingDraftIds(ctx.db, ctx.config.tenantId)) {
        if (abort.signal.aborted) return;
        await readImport(ctx, id, abort.signal);
      }
    } while (again && !abort.signal.aborted);
  };
  return {
    kick() {
      if (abort.signal.aborted) return;
      if (running) {
        again = true;
        return;
      }
      running = drain()
        .catch((error) => ctx.log.error({ err: error }, "import reader failed"))
        .finally(() => {
          running = null;
        });
    },
    async stop() {
      abort.abort();
      await running;
    },
  };
}
