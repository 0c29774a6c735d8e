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
  intakeError: r.intake_error,
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

/** Counts one more failure to take in the message with this checksum; answers how many there have been. */
export async function countIntakeFailure(
  db: Db,
  tenantId: string,
  emlSha256: string,
  error: string,
): Promise<number> {
  const row = await db
    .insertInto("mail_intake_attempts")
    .values({ tenant_id: tenantId, eml_sha256: emlSha256, failures: 1, last_error: error })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "eml_sha256"]).doUpdateSet((eb) => ({
        failures: eb("mail_intake_attempts.failures", "+", 1),
        last_error: error,
      })),
    )
    .returning("failures")
    .executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** Forgets a message's failures once it is set aside: moved back by a person, it gets its tries again. */
export async function clearIntakeFailures(db: Db, tenantId: string, emlSha256: string): Promise<void> {
  await db
    .deleteFrom("mail_intake_attempts")
    .where("tenant_id", "=", tenantId)
    .where("eml_sha256", "=", emlSha256)
    .execute();
}
