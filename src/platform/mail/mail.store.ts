import type { Selectable } from "kysely";
import { type Db, hasRowLocks } from "../db/database.ts";
import type { MailOutboxTable } from "../db/schema.ts";

export type MailRow = Selectable<MailOutboxTable>;

export const insertMail = (db: Db, row: MailRow) => db.insertInto("mail_outbox").values(row).execute();

/**
 * Claims up to `limit` messages for this process: pending ones whose retry time has come, and ones another process
 * claimed before `staleBefore` and never finished. On PostgreSQL rows another process is
 * claiming right now are skipped, so two servers never take the same message.
 */
export async function claimMail(db: Db, now: string, staleBefore: string, limit: number): Promise<MailRow[]> {
  return db.transaction().execute(async (trx) => {
    const query = trx
      .selectFrom("mail_outbox")
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([
            eb("status", "=", "pending"),
            eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]),
          ]),
          eb.and([eb("status", "=", "sending"), eb("claimed_at", "<", staleBefore)]),
        ]),
      )
      .orderBy("created_at")
      .limit(limit);
    const rows = await (hasRowLocks(trx) ? query.forUpdate().skipLocked() : query).execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable("mail_outbox")
      .set({ status: "sending", claimed_at: now })
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    return rows;
  });
}

export const markSent = (db: Db, id: string, at: string) =>
  db
    .updateTable("mail_outbox")
    .set((eb) => ({ status: "sent", sent_at: at, attempts: eb("attempts", "+", 1), last_error: null }))
    .where("id", "=", id)
    .execute();

/** A tenant's mail still pending that was queued before a given time. */
export const pendingMailBefore = (db: Db, tenantId: string, before: string) =>
  db
    .selectFrom("mail_outbox")
    .select(["id", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("status", "=", "pending")
    .where("created_at", "<", before)
    .execute();

/** A failed attempt: tried again from `retryAt`, or marked failed for good when that is null. */
export const markFailed = (db: Db, id: string, error: string, retryAt: string | null) =>
  db
    .updateTable("mail_outbox")
    .set((eb) => ({
      status: retryAt ? "pending" : "failed",
      next_attempt_at: retryAt,
      claimed_at: null,
      attempts: eb("attempts", "+", 1),
      last_error: error.slice(0, 500),
    }))
    .where("id", "=", id)
    .execute();

export const recentMail = (db: Db, tenantId: string, limit: number) =>
  db
    .selectFrom("mail_outbox")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();

/** Whether a message with this subject was queued to this address since a time (to send a notice once). */
export async function mailedSince(db: Db, tenantId: string, to: string, subject: string, since: string) {
  const row = await db
    .selectFrom("mail_outbox")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("to_address", "=", to)
    .where("subject", "=", subject)
    .where("created_at", ">=", since)
    .executeTakeFirst();
  return row !== undefined;
}

/** How many messages the outbox holds in each status, over all tenants (for `/metrics`). */
export const mailCountsByStatus = (db: Db) =>
  db
    .selectFrom("mail_outbox")
    .select((eb) => ["status", eb.fn.countAll<string | number>().as("n")])
    .groupBy("status")
    .execute();
