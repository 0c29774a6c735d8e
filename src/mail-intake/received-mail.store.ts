import type { Insertable, Selectable, Updateable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { ReceivedMailTable } from "../platform/db/schema.ts";
import type {
  Authentication,
  MailStatus,
  QueueReason,
  ReceivedMail,
  StoredAttachment,
} from "./received-mail.model.ts";

type Row = Selectable<ReceivedMailTable>;

const toReceivedMail = (r: Row): ReceivedMail => ({
  id: r.id,
  messageId: r.message_id,
  receivedAt: r.received_at,
  fromAddress: r.from_address,
  fromName: r.from_name,
  subject: r.subject,
  bodyText: r.body_text,
  emlSha256: r.eml_sha256,
  emlSize: Number(r.eml_size),
  attachments: JSON.parse(r.attachments) as StoredAttachment[],
  authentication: JSON.parse(r.authentication) as Authentication,
  status: r.status as MailStatus,
  queueReason: r.queue_reason as QueueReason | null,
  filedAt: r.filed_at,
  documentId: r.document_id,
  notPublicReason: r.not_public_reason,
});

/** Whether a message (by its Message-ID and content hash) was already taken in. */
export async function isTakenIn(db: Db, tenantId: string, intakeKey: string): Promise<boolean> {
  const row = await db
    .selectFrom("received_mail")
    .select("id")
    .where("tenant_id", "=", tenantId)
    .where("intake_key", "=", intakeKey)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a message once: a second insert of the same key changes nothing and answers false. */
export async function insertReceivedMail(trx: Db, row: Insertable<ReceivedMailTable>): Promise<boolean> {
  const result = await trx
    .insertInto("received_mail")
    .values(row)
    .onConflict((oc) => oc.columns(["tenant_id", "intake_key"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findReceivedMail(
  db: Db,
  tenantId: string,
  id: string,
): Promise<ReceivedMail | undefined> {
  const row = await db
    .selectFrom("received_mail")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toReceivedMail(row);
}

/** Messages with one status, oldest first (the queue is worked from its oldest). */
export async function receivedMailWithStatus(
  db: Db,
  tenantId: string,
  status: MailStatus,
  limit: number,
): Promise<ReceivedMail[]> {
  const rows = await db
    .selectFrom("received_mail")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("status", "=", status)
    .orderBy("received_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(toReceivedMail);
}

/** Files a queued message: only while it is queued, so two registrars cannot file it twice. */
export async function fileQueued(
  trx: Db,
  id: string,
  values: Updateable<ReceivedMailTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable("received_mail")
    .set(values)
    .where("id", "=", id)
    .where("status", "=", "queued")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
