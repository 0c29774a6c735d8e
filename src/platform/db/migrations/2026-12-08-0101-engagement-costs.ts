// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

/**
 * Issue 20: an engagement's cost per year (rows only where the officer split it by hand; otherwise
 * the total is spread over the period), whether it is secret (never on the public page), and the
 * changes made after approval that sent it back to proposed, with their reason (never deleted).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("engagement_year_costs")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    /** Whole kronor. */
    .addColumn("amount", "integer", (c) => c.notNull().check(sql`amount >= 0`))
    .addPrimaryKeyConstraint("engagement_year_costs_pk", ["engagement_id", "year"])
    .execute();

  await db.schema
    .alterTable("engagements")
    .addColumn("secret", "integer", (c) => c.notNull().defaultTo(0).check(sql`secret in (0, 1)`))
    .execute();

  await db.schema
    .createTable("engagement_changes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    /** The facts that changed, comma-separated (cost, period, scope, counterparts, financing). */
    .addColumn("changed", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status_before", "text", (c) => c.notNull())
    .addColumn("status_after", "text", (c) => c.notNull())
    .addColumn("changed_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("engagement_changes_engagement")
    .on("engagement_changes")
    .columns(["engagement_id", "created_at"])
    .execute();
  if (isPostgres(db)) {
    await sql`create trigger engagement_changes_never_deleted before delete on engagement_changes
      for each row execute function kansli_refuse_change()`.execute(db);
  } else {
    await sql`create trigger engagement_changes_never_deleted before delete on engagement_changes
      begin select raise(abort, 'kansli: DELETE on engagement_changes is not allowed'); end`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("engagement_changes").execute();
  await db.schema.alterTable("engagements").dropColumn("secret").execute();
  await db.schema.dropTable("engagement_year_costs").execute();
}
