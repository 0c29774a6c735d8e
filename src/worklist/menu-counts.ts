import type { UserActor } from "../auth/index.ts";
import type { Ctx } from "../platform/context.ts";
import { countsByHref } from "./work.model.ts";
import { workFor } from "./work.service.ts";

/** How long a person's menu counts are reused: counting on every page would cost more than a page. */
const FRESH_MS = 30_000;
const MAX_PEOPLE = 5_000;

interface Counted {
  at: number;
  counts: Promise<Record<string, number>>;
}

/**
 * The counts beside the menu entries, per person, reused for half a minute (the start page
 * itself always counts afresh, and so does the next page after the person changed something). The cache is this process's own: with several processes a
 * count may lag by that much, which a badge can afford.
 */
export function menuCounter(ctx: Ctx) {
  const cache = new Map<string, Counted>();
  return {
    counts(actor: UserActor): Promise<Record<string, number>> {
      const now = Date.now();
      const hit = cache.get(actor.id);
      if (hit && now - hit.at < FRESH_MS) return hit.counts;
      if (cache.size >= MAX_PEOPLE) cache.clear();
      const counts = workFor(ctx, actor).then(countsByHref);
      // A failed count is not kept: the next page tries again.
      counts.catch(() => cache.delete(actor.id));
      cache.set(actor.id, { at: now, counts });
      return counts;
    },
    /** After the person changed something, their next page counts afresh. */
    forget(userId: string): void {
      cache.delete(userId);
    },
  };
}
