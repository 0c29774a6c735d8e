import { auditBy, listUsers, type UserActor } from "../auth/index.ts";
import { listAllUnits } from "../organisation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { AppError } from "../platform/errors.ts";
import type { CaseListQuery } from "./case-list-filter.ts";
import { caseAsShown, seesCaseInFull } from "./case-visibility.ts";
import type { CaseStatus } from "./cases.model.ts";
import { casePage, countCases, toCase } from "./cases.store.ts";
import { allClasses } from "./classification.store.ts";
import { documentCounts } from "./documents.store.ts";

/** A list download is refused above this many rows: a bigger one is a job for a narrower filter. */
export const MAX_LIST_ROWS = 100_000;
const CHUNK = 1000;

export interface RegisterListRow {
  diaryNumber: string;
  title: string;
  className: string;
  unit: string;
  officer: string | null;
  status: CaseStatus;
  openedOn: string;
  closedOn: string | null;
  documents: number;
}

export type ListFilter = Omit<CaseListQuery, "cursor">;

/**
 * Checks that the list may be downloaded (within MAX_LIST_ROWS) and records the download in the
 * audit trail; returns the number of rows. Refused before anything is sent.
 */
export async function startListExport(
  ctx: Ctx,
  by: UserActor,
  filter: ListFilter,
  format: "csv" | "xlsx",
): Promise<number> {
  const count = await countCases(ctx.db, { tenantId: ctx.config.tenantId, ...filter });
  if (count > MAX_LIST_ROWS) {
    throw new AppError(422, "too_large", "the list is too long to download", [
      { field: "", message: "export.too_many_rows", params: { count, max: MAX_LIST_ROWS } },
    ]);
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "case.list_export",
      subjectType: "case_list",
      subjectId: null,
      after: { format, filter, rows: count },
    }),
  );
  return count;
}

/**
 * The register list for a filter, newest first, read by keyset a chunk at a time so a long list
 * never sits in memory. Each case is shown as the reader may see it (case.view_full): its own
 * title and a document count with drafts for its insiders, else the public title and registered
 * documents only, as on the page.
 */
export async function* registerListRows(
  ctx: Ctx,
  by: UserActor,
  filter: ListFilter,
): AsyncGenerator<RegisterListRow> {
  const { tenantId } = ctx.config;
  const [classes, units, users] = await Promise.all([
    allClasses(ctx.db, tenantId, stockholmDate(ctx.clock.now())),
    listAllUnits(ctx),
    listUsers(ctx.db, tenantId),
  ]);
  const className = new Map(classes.map((c) => [c.id, `${c.code} ${c.title}`]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const userName = new Map(users.map((u) => [u.id, u.display_name]));
  let before: { openedOn: string; id: string } | undefined;
  for (;;) {
    const rows = (await casePage(ctx.db, { tenantId, ...filter, before, limit: CHUNK })).slice(0, CHUNK);
    const shown = rows.map((r) => {
      const c = toCase(r);
      const full = seesCaseInFull(by, c);
      return { r, full, title: caseAsShown(c, full).title };
    });
    const ids = (full: boolean) => shown.filter((x) => x.full === full).map((x) => x.r.id);
    const [insiderCounts, outsiderCounts] = await Promise.all([
      documentCounts(ctx.db, ids(true), true),
      documentCounts(ctx.db, ids(false), false),
    ]);
    for (const { r, full, title } of shown) {
      yield {
        diaryNumber: r.diary_number,
        title,
        className: className.get(r.class_id) ?? r.class_id,
        unit: unitName.get(r.unit_id) ?? r.unit_id,
        officer: r.officer_id ? (userName.get(r.officer_id) ?? r.officer_id) : null,
        status: r.status,
        openedOn: r.opened_on,
        closedOn: r.closed_on,
        documents: (full ? insiderCounts : outsiderCounts).get(r.id) ?? 0,
      };
    }
    const last = rows.at(-1);
    if (rows.length < CHUNK || !last) return;
    before = { openedOn: last.opened_on, id: last.id };
  }
}
