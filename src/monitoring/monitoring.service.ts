import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { newId } from "../platform/ids.ts";
import { parseInput } from "../platform/validation.ts";
import { type Comparison, comparisonSchema, type WatchItem, watchItemSchema } from "./monitoring.model.ts";
import {
  findComparison,
  insertComparison,
  insertWatchItem,
  listComparisonRows,
  listWatchItemRows,
  updateComparison,
} from "./monitoring.store.ts";

/** Notes an event, trend, piece of research or ranking. */
export async function addWatchItem(ctx: Ctx, by: UserActor | "system", input: unknown): Promise<WatchItem> {
  const d = parseInput(watchItemSchema, input);
  const now = ctx.clock.now();
  const item: WatchItem = { id: newId(), ...d, source: d.source ?? null };
  await ctx.db.transaction().execute(async (trx) => {
    await insertWatchItem(trx, {
      id: item.id,
      tenant_id: ctx.config.tenantId,
      kind: item.kind,
      title: item.title,
      summary: item.summary,
      source: item.source,
      observed_on: item.observedOn,
      created_by: by === "system" ? null : by.id,
      created_at: now.toISOString(),
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "watch_item.create",
      subjectType: "watch_item",
      subjectId: item.id,
      after: item,
    });
  });
  return item;
}

/** Watch items, latest observed first. */
export async function listWatchItems(ctx: Ctx, limit = 200): Promise<WatchItem[]> {
  const rows = await listWatchItemRows(ctx.db, ctx.config.tenantId, limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    summary: r.summary,
    source: r.source,
    observedOn: r.observed_on,
  }));
}

/** Records the city's place in an index for a year; a second entry for the same index and year replaces the first. */
export async function recordComparison(
  ctx: Ctx,
  by: UserActor | "system",
  input: unknown,
): Promise<Comparison> {
  const d = parseInput(comparisonSchema, input);
  const now = ctx.clock.now();
  const c: Comparison = {
    indexName: d.indexName,
    year: d.year,
    rank: d.rank ?? null,
    value: d.value ?? null,
    source: d.source ?? null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findComparison(trx, ctx.config.tenantId, c.indexName, c.year);
    if (before) await updateComparison(trx, before.id, { rank: c.rank, value: c.value, source: c.source });
    else
      await insertComparison(trx, {
        id: newId(),
        tenant_id: ctx.config.tenantId,
        index_name: c.indexName,
        year: c.year,
        rank: c.rank,
        value: c.value,
        source: c.source,
        created_by: by === "system" ? null : by.id,
        created_at: now.toISOString(),
      });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "city_comparison.record",
      subjectType: "city_comparison",
      subjectId: `${c.indexName} ${c.year}`,
      before: before ? { rank: before.rank, value: before.value } : null,
      after: c,
    });
  });
  return c;
}

/** Every comparison, grouped by index (sorted by name), each index's years in order. */
export async function comparisonsByIndex(ctx: Ctx): Promise<Map<string, Comparison[]>> {
  const rows = await listComparisonRows(ctx.db, ctx.config.tenantId);
  const out = new Map<string, Comparison[]>();
  for (const r of rows) {
    const list = out.get(r.index_name) ?? [];
    list.push({
      indexName: r.index_name,
      year: Number(r.year),
      rank: r.rank === null ? null : Number(r.rank),
      value: r.value === null ? null : Number(r.value),
      source: r.source,
    });
    out.set(r.index_name, list);
  }
  return out;
}
