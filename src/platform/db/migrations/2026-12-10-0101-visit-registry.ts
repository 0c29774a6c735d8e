// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";

/**
 * Visit requests enter the registry (issue 20, item 3): on arrival each is registered as an
 * incoming document (`document_id`), in a case opened for it (`case_opened` 1) or one the officer
 * named; the coordinator may move its handling to another case (`case_id` then names that one).
 * Junk is written off with a reason and no letter; an invitation letter, written only after the
 * deciding body's decision, is remembered by its document. Columns rather than a new status, so
 * the status CHECK of 0012 stays as it is on both databases. Requests from before this migration
 * have no case or document; the coordinator files them with the same move.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  const table = () => db.schema.alterTable("visit_requests");
  await table()
    .addColumn("case_id", "text", (c) => c.references("cases.id"))
    .execute();
  await table()
    .addColumn("document_id", "text", (c) => c.references("documents.id"))
    .execute();
  await table()
    .addColumn("case_opened", "integer", (c) => c.notNull().defaultTo(0).check(sql`case_opened in (0, 1)`))
    .execute();
  await table().addColumn("written_off_at", "text").execute();
  await table()
    .addColumn("written_off_by", "text", (c) => c.references("users.id"))
    .execute();
  await table().addColumn("written_off_reason", "text").execute();
  await table()
    .addColumn("invitation_document_id", "text", (c) => c.references("documents.id"))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    "invitation_document_id",
    "written_off_reason",
    "written_off_by",
    "written_off_at",
    "case_opened",
    "document_id",
    "case_id",
  ])
    await db.schema.alterTable("visit_requests").dropColumn(column).execute();
}
