import type { Insertable } from "kysely";
import type { Db } from "../../../platform/db/database.ts";
import type { ConsultationExtensionTable } from "../../../platform/db/schema.ts";

export const insertExtensionRequest = (trx: Db, row: Insertable<ConsultationExtensionTable>) =>
  trx.insertInto("consultation_extensions").values(row).execute();

/** The body's request that waits for the officer's decision. */
export const openExtensionRequest = (db: Db, recipientId: string) =>
  db
    .selectFrom("consultation_extensions")
    .selectAll()
    .where("recipient_id", "=", recipientId)
    .where("status", "=", "requested")
    .executeTakeFirstOrThrow();

/** Records the decision on a request that is still open; returns false when it was decided meanwhile. */
export async function decideExtensionRequest(
  trx: Db,
  id: string,
  decision: {
    status: "granted" | "refused";
    granted_until: string | null;
    decision_comment: string | null;
    decided_at: string;
    decided_by: string;
    decision_document_id: string;
  },
): Promise<boolean> {
  const decided = await trx
    .updateTable("consultation_extensions")
    .set(decision)
    .where("id", "=", id)
    .where("status", "=", "requested")
    .executeTakeFirst();
  return Number(decided.numUpdatedRows) === 1;
}

/** Gives a body its own deadline; its answer link lives until `linkExpiresAt`. */
export const setOwnDeadline = (trx: Db, recipientId: string, until: string, linkExpiresAt: string) =>
  trx
    .updateTable("consultation_recipients")
    .set({ deadline: until, link_expires_at: linkExpiresAt })
    .where("id", "=", recipientId)
    .execute();

/** A body's requests for more time, oldest first. */
export const extensionsOf = (db: Db, recipientId: string) =>
  db
    .selectFrom("consultation_extensions")
    .selectAll()
    .where("recipient_id", "=", recipientId)
    .orderBy("requested_at")
    .execute();
