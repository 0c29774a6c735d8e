import { type Db, hasRowLocks } from "../db/database.ts";
import { fixedQuery } from "../db/fixed-query.ts";
import type { AuditHeadTable } from "../db/schema.ts";
import type { AuditEvent, KeyedStart } from "./audit.model.ts";

export type AuditHead = Omit<AuditHeadTable, "id">;

const HEAD = [
  "last_seq",
  "last_hash",
  "keyed_from_seq",
  "keyed_from_hash",
  "keyed_since",
  "keyed_seal",
] as const;

export async function lockHead(trx: Db): Promise<AuditHead> {
  const query = trx.selectFrom("audit_head").select(HEAD).where("id", "=", 1);
  return (hasRowLocks(trx) ? query.forUpdate() : query).executeTakeFirstOrThrow();
}

export async function recordKeyedStart(trx: Db, start: KeyedStart, seal: string): Promise<void> {
  await trx
    .updateTable("audit_head")
    .set({
      keyed_from_seq: start.seq,
      keyed_from_hash: start.prevHash,
      keyed_since: start.since,
      keyed_seal: seal,
    })
    .where("id", "=", 1)
    .execute();
}

export async function insertEvent(trx: Db, event: AuditEvent): Promise<void> {
  await trx.insertInto("audit_events").values(event).execute();
  await trx
    .updateTable("audit_head")
    .set({ last_seq: event.seq, last_hash: event.hash })
    .where("id", "=", 1)
    .execute();
}

export async function readHead(db: Db): Promise<AuditHead> {
  return db.selectFrom("audit_head").select(HEAD).where("id", "=", 1).executeTakeFirstOrThrow();
}

/** Events after `afterSeq`, oldest first, one page at a time (keyset). */
export async function eventsAfter(db: Db, afterSeq: number, limit: number): Promise<AuditEvent[]> {
  return db
    .selectFrom("audit_events")
    .selectAll()
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
}

export interface AuditFilter {
  tenantId: string;
  actor?: string | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  beforeSeq?: number | undefined;
}

/** Newest first, filtered, keyset-paginated on `seq`. */
export async function findEvents(db: Db, f: AuditFilter, limit: number): Promise<AuditEvent[]> {
  let q = db.selectFrom("audit_events").selectAll().where("tenant_id", "=", f.tenantId);
  if (f.actor) q = q.where("actor_label", "=", f.actor);
  if (f.action) q = q.where("action", "=", f.action);
  if (f.subjectType) q = q.where("subject_type", "=", f.subjectType);
  if (f.subjectId) q = q.where("subject_id", "=", f.subjectId);
  if (f.from) q = q.where("occurred_at", ">=", f.from);
  if (f.to) q = q.where("occurred_at", "<", f.to);
  if (f.beforeSeq !== undefined) q = q.where("seq", "<", f.beforeSeq);
  return q.orderBy("seq", "desc").limit(limit).execute();
}

const subjectEvents = fixedQuery(
  (db, v: { tenantId: string; subjectType: string; subjectId: string; limit: number }) =>
    db
      .selectFrom("audit_events")
      .selectAll()
      .where("tenant_id", "=", v.tenantId)
      .where("subject_type", "=", v.subjectType)
      .where("subject_id", "=", v.subjectId)
      .orderBy("seq", "desc")
      .limit(v.limit),
);

/** The newest `limit` events of one subject, newest first: `findEvents` for a page's history, compiled once. */
export const findSubjectEvents = (
  db: Db,
  tenantId: string,
  subjectType: string,
  subjectId: string,
  limit: number,
): Promise<AuditEvent[]> => subjectEvents.all(db, { tenantId, subjectType, subjectId, limit });

export async function distinctActions(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_events")
    .select("action")
    .distinct()
    .where("tenant_id", "=", tenantId)
    .orderBy("action")
    .execute();
  return rows.map((r) => r.action);
}
