import type { Insertable, Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type {
  EngagementChangeTable,
  EngagementCounterpartTable,
  EngagementDecisionTable,
  EngagementDirectionTable,
  EngagementFinancingTable,
  EngagementTable,
  EngagementUnitTable,
  EngagementYearCostTable,
} from "../platform/db/schema.ts";
import type { YearAmount } from "./costs.ts";
import type {
  Counterpart,
  Direction,
  Engagement,
  EngagementChange,
  EngagementDecision,
  EngagementStatus,
  Financing,
  MaterialFact,
  StoredEngagementType,
} from "./engagements.model.ts";

export type EngagementRow = Selectable<EngagementTable>;
export type DecisionRow = Selectable<EngagementDecisionTable>;

export const toEngagement = (r: EngagementRow, directions: Direction[]): Engagement => ({
  id: r.id,
  caseId: r.case_id,
  type: r.type,
  title: r.title,
  unitId: r.unit_id,
  officerId: r.officer_id,
  scope: r.scope,
  unitsAffected: r.units_affected,
  politicalLevel: r.political_level,
  addsResourceBurden: r.adds_resource_burden === 1,
  onBehalfOf: r.on_behalf_of,
  touchesStateRelations: r.touches_state_relations === 1,
  directions,
  purpose: r.purpose,
  mutualBenefit: r.mutual_benefit,
  theme: r.theme,
  startDate: r.start_date,
  endDate: r.end_date,
  cost: r.cost === null ? null : Number(r.cost),
  prioritised: r.prioritised === 1,
  secret: r.secret === 1,
  status: r.status,
  reviewDate: r.review_date,
  lastReviewedOn: r.last_reviewed_on,
  decidingBody: r.deciding_body,
  decidingUnitId: r.deciding_unit_id,
  routingRule: r.routing_rule,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toDecision = (r: DecisionRow): EngagementDecision => ({
  id: r.id,
  engagementId: r.engagement_id,
  body: r.body,
  unitId: r.unit_id,
  decidedOn: r.decided_on,
  minutesParagraph: r.minutes_paragraph,
  outcome: r.outcome,
  conditions: r.conditions,
  documentId: r.document_id,
  createdAt: r.created_at,
});

/** The child rows of an engagement, built by the service in the order given. */
export interface ChildRows {
  directions: Insertable<EngagementDirectionTable>[];
  counterparts: Insertable<EngagementCounterpartTable>[];
  financing: Insertable<EngagementFinancingTable>[];
  yearCosts: Insertable<EngagementYearCostTable>[];
  units: Insertable<EngagementUnitTable>[];
}

export async function insertEngagement(db: Db, row: EngagementRow, children: ChildRows): Promise<void> {
  await db.insertInto("engagements").values(row).execute();
  await insertChildren(db, children);
}

/** Replaces the directions, counterparts, financing, year costs and affected units of an engagement (the audit trail keeps the old ones). */
export async function updateEngagementRow(db: Db, row: EngagementRow, children: ChildRows): Promise<void> {
  const { id, tenant_id: _t, created_at: _c, created_by: _b, case_id: _k, type: _y, ...changes } = row;
  await db.updateTable("engagements").set(changes).where("id", "=", id).execute();
  await db.deleteFrom("engagement_directions").where("engagement_id", "=", id).execute();
  await db.deleteFrom("engagement_counterparts").where("engagement_id", "=", id).execute();
  await db.deleteFrom("engagement_financing").where("engagement_id", "=", id).execute();
  await db.deleteFrom("engagement_year_costs").where("engagement_id", "=", id).execute();
  await db.deleteFrom("engagement_units").where("engagement_id", "=", id).execute();
  await insertChildren(db, children);
}

async function insertChildren(db: Db, c: ChildRows): Promise<void> {
  if (c.directions.length > 0) await db.insertInto("engagement_directions").values(c.directions).execute();
  if (c.counterparts.length > 0)
    await db.insertInto("engagement_counterparts").values(c.counterparts).execute();
  if (c.financing.length > 0) await db.insertInto("engagement_financing").values(c.financing).execute();
  if (c.yearCosts.length > 0) await db.insertInto("engagement_year_costs").values(c.yearCosts).execute();
  if (c.units.length > 0) await db.insertInto("engagement_units").values(c.units).execute();
}

export const findEngagement = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("engagements")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** The directions of several engagements at once, in the strategy's order. */
export async function directionsOf(db: Db, ids: string[]): Promise<Map<string, Direction[]>> {
  const out = new Map<string, Direction[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("engagement_directions")
    .select(["engagement_id", "direction"])
    .where("engagement_id", "in", ids)
    .execute();
  for (const r of rows) out.get(r.engagement_id)?.push(r.direction);
  return out;
}

export async function childrenOf(
  db: Db,
  id: string,
): Promise<{
  counterparts: Counterpart[];
  financing: Financing[];
  yearCosts: YearAmount[];
  affectedUnitIds: string[];
}> {
  const [counterparts, financing, yearCosts, units] = await Promise.all([
    db
      .selectFrom("engagement_counterparts")
      .select(["kind", "name", "country"])
      .where("engagement_id", "=", id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("engagement_financing")
      .select(["source", "funder", "share_percent"])
      .where("engagement_id", "=", id)
      .orderBy("position")
      .execute(),
    yearCostsOf(db, [id]),
    db
      .selectFrom("engagement_units")
      .select("unit_id")
      .where("engagement_id", "=", id)
      .orderBy("unit_id")
      .execute(),
  ]);
  return {
    counterparts: counterparts.map((c) => ({
      kind: c.kind,
      name: c.name,
      country: c.country,
    })),
    financing: financing.map((f) => ({
      source: f.source,
      funder: f.funder,
      sharePercent: Number(f.share_percent),
    })),
    yearCosts: yearCosts.get(id) ?? [],
    affectedUnitIds: units.map((u) => u.unit_id),
  };
}

/** The costs split by hand per year of several engagements, by year. */
export async function yearCostsOf(db: Db, ids: string[]): Promise<Map<string, YearAmount[]>> {
  const out = new Map<string, YearAmount[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("engagement_year_costs")
    .select(["engagement_id", "year", "amount"])
    .where("engagement_id", "in", ids)
    .orderBy("year")
    .execute();
  for (const r of rows) out.get(r.engagement_id)?.push({ year: Number(r.year), amount: Number(r.amount) });
  return out;
}

/** The financing rows of several engagements. */
export async function financingOf(db: Db, ids: string[]): Promise<Map<string, Financing[]>> {
  const out = new Map<string, Financing[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("engagement_financing")
    .select(["engagement_id", "source", "funder", "share_percent"])
    .where("engagement_id", "in", ids)
    .orderBy("position")
    .execute();
  for (const r of rows)
    out
      .get(r.engagement_id)
      ?.push({ source: r.source, funder: r.funder, sharePercent: Number(r.share_percent) });
  return out;
}

export const insertChange = (db: Db, row: Insertable<EngagementChangeTable>) =>
  db.insertInto("engagement_changes").values(row).execute();

export async function changesOf(db: Db, engagementId: string): Promise<EngagementChange[]> {
  const rows = await db
    .selectFrom("engagement_changes")
    .selectAll()
    .where("engagement_id", "=", engagementId)
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({
    changed: r.changed.split(",") as MaterialFact[],
    reason: r.reason,
    statusBefore: r.status_before as EngagementStatus,
    statusAfter: r.status_after as EngagementStatus,
    changedBy: r.changed_by,
    createdAt: r.created_at,
  }));
}

export const insertDecision = (db: Db, row: DecisionRow) =>
  db.insertInto("engagement_decisions").values(row).execute();

export const decisionsOf = (db: Db, engagementId: string) =>
  db
    .selectFrom("engagement_decisions")
    .selectAll()
    .where("engagement_id", "=", engagementId)
    .orderBy("decided_on")
    .orderBy("created_at")
    .execute();

export interface EngagementPageQuery {
  tenantId: string;
  type?: StoredEngagementType | undefined;
  unitId?: string | undefined;
  status?: EngagementStatus | undefined;
  /** Running at some time in this year: started by its end, not ended before its start. */
  year?: number | undefined;
  /** Newest first: the page continues after this key. */
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
}

/** Engagements newest first, filtered, one page at a time (keyset). */
export function engagementPage(db: Db, q: EngagementPageQuery): Promise<EngagementRow[]> {
  let query = db.selectFrom("engagements").selectAll().where("tenant_id", "=", q.tenantId);
  if (q.type) query = query.where("type", "=", q.type);
  if (q.unitId) query = query.where("unit_id", "=", q.unitId);
  if (q.status) query = query.where("status", "=", q.status);
  const year = q.year;
  if (year !== undefined)
    query = query
      .where("start_date", "<=", `${year}-12-31`)
      .where((eb) => eb.or([eb("end_date", "is", null), eb("end_date", ">=", `${year}-01-01`)]));
  const after = q.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb("created_at", "<", after.createdAt),
        eb.and([eb("created_at", "=", after.createdAt), eb("id", "<", after.id)]),
      ]),
    );
  return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(q.limit).execute();
}

export const setEngagementStatus = (db: Db, id: string, status: EngagementStatus, at: string) =>
  db.updateTable("engagements").set({ status, updated_at: at }).where("id", "=", id).execute();
