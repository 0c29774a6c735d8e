import { displayNamesOf } from "../auth/index.ts";
import { findSubjectEvents } from "../platform/audit/audit.store.ts";
import type { Ctx } from "../platform/context.ts";
import { caseWithNames } from "./case-names.ts";
import { getParties } from "./cases.service.ts";
import { getCaseDocuments } from "./documents.service.ts";

/** How much of a case's history its page shows. */
const HISTORY_LIMIT = 500;

/**
 * What the case page shows of a case: the case, the names for its ids, parties, documents and
 * history (oldest first). The page and the benchmark's raw-SQL baseline both read through this.
 */
export async function caseView(ctx: Ctx, id: string) {
  const { c, names } = await caseWithNames(ctx, id);
  const [parties, events, documents] = await Promise.all([
    getParties(ctx, c.id),
    findSubjectEvents(ctx.db, ctx.config.tenantId, "case", c.id, HISTORY_LIMIT),
    getCaseDocuments(ctx, c.id),
  ]);
  const people = await displayNamesOf(
    ctx.db,
    ctx.config.tenantId,
    events.flatMap((e) => (e.actor_id ? [e.actor_id] : [])),
  );
  return { c, parties, names, documents, history: events.reverse(), people };
}
