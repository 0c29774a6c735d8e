import { listAllUnits } from "../src/organisation/units.service.ts";
import { appendAudit } from "../src/platform/audit/audit.service.ts";
import type { Ctx } from "../src/platform/context.ts";
import { newId } from "../src/platform/ids.ts";
import { queryTerms } from "../src/platform/search/normalise.ts";
import { caseView } from "../src/registry/case-view.service.ts";
import { casePage } from "../src/registry/cases.store.ts";
import { insertDocument } from "../src/registry/documents.store.ts";
import { getRegistries } from "../src/registry/registries.service.ts";
import { reindexCase } from "../src/registry/search/search-index.ts";
import { runSearch, type Visibility } from "../src/registry/search/search-query.ts";
import { percentile } from "./load.ts";

/**
 * The database's limit for each page: the same store queries the page runs, called directly
 * one after another for `seconds`, without HTTP, rendering or the framework.
 */
export interface RawResult {
  perSecond: number;
  p50: number;
  p95: number;
}

export async function timeRaw(seconds: number, work: () => Promise<unknown>): Promise<RawResult> {
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { perSecond: times.length / seconds, p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const tenant = (ctx: Ctx) => ctx.config.tenantId;

export const rawCasePage = (ctx: Ctx, caseId: string) => caseView(ctx, caseId);

export const rawRegisterList = (ctx: Ctx, unitId: string) =>
  Promise.all([
    casePage(ctx.db, { tenantId: tenant(ctx), unitId, limit: 50 }),
    getRegistries(ctx),
    listAllUnits(ctx),
  ]);

export const rawSearch = (ctx: Ctx, query: string, visibility: Visibility) =>
  runSearch(ctx.db, ctx.dialect, {
    tenantId: tenant(ctx),
    visibility,
    terms: queryTerms(query),
    query,
    filter: {},
    limit: 20,
  });

/** A registration's writes: the document row, the case's search row and the audit event, in one transaction. */
export const rawRegistration = (ctx: Ctx, caseId: string, n: number) =>
  ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    const id = newId();
    await insertDocument(trx, {
      id,
      tenant_id: tenant(ctx),
      case_id: caseId,
      direction: "incoming",
      status: "registered",
      document_date: now.toISOString().slice(0, 10),
      party: "Oslo kommune",
      description: `Skrivelse ${n} om samarbete`,
      public_description: null,
      public_party: null,
      secrecy_provision: null,
      secrecy_marked_on: null,
      secrecy_authority: null,
      secrecy_ground_id: null,
      document_type: "skrivelse",
      due_date: null,
      signed_off_on: null,
      signoff_kind: null,
      signoff_reference: null,
      registered_at: now.toISOString(),
      frozen_at: now.toISOString(),
      created_by: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      public_hold: null,
    });
    await reindexCase(trx, ctx.dialect, tenant(ctx), caseId, now);
    await appendAudit(trx, tenant(ctx), now, {
      actorId: null,
      actorLabel: "benchmark",
      ip: null,
      action: "document.register",
      subjectType: "document",
      subjectId: id,
    });
  });
