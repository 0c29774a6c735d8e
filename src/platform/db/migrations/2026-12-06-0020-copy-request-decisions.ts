// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // A copy request is registered when it arrives: its own case and the request as an incoming
  // document there. The decision is a letter registered in the same case (issue 17, item 4).
  // Requests from before this migration have neither; their case opens with the decision.
  await db.schema
    .alterTable("copy_requests")
    .addColumn("request_case_id", "text", (c) => c.references("cases.id"))
    .execute();
  await db.schema
    .alterTable("copy_requests")
    .addColumn("request_document_id", "text", (c) => c.references("documents.id"))
    .execute();
  await db.schema
    .alterTable("copy_requests")
    .addColumn("decision_document_id", "text", (c) => c.references("documents.id"))
    .execute();
  // The OSL provision a refusal or masking rests on, cited as in markings ("21 kap. 7 § OSL").
  await db.schema.alterTable("copy_requests").addColumn("provision", "text").execute();
  await db.schema
    .alterTable("copy_requests")
    .addColumn("delivered_by", "text", (c) => c.check(sql`delivered_by in ('email', 'post', 'handed_over')`))
    .execute();
  // Files a message carries, as JSON [{ fileName, sha256, mime }]: the bytes stay in the blob store.
  await db.schema.alterTable("mail_outbox").addColumn("attachments", "text").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mail_outbox").dropColumn("attachments").execute();
  for (const column of [
    "delivered_by",
    "provision",
    "decision_document_id",
    "request_document_id",
    "request_case_id",
  ])
    await db.schema.alterTable("copy_requests").dropColumn(column).execute();
}
