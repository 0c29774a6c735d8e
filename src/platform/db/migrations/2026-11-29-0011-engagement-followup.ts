// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";

/** The follow-up of the international work (issue 5): contact network, yearly plans, external monitoring. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // One international contact person per administration or company, appointed by its head.
  // A new appointment ends the previous one; history is kept.
  await db.schema
    .createTable("contact_persons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("appointed_on", "text", (c) => c.notNull())
    .addColumn("appointed_by", "text", (c) => c.notNull())
    .addColumn("ended_on", "text")
    .addColumn("recorded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("contact_persons_current")
    .on("contact_persons")
    .columns(["tenant_id", "unit_id"])
    .unique()
    .where(sql.ref("ended_on"), "is", null)
    .execute();

  // A message to the whole network: sent by e-mail and registered as an outgoing document.
  await db.schema
    .createTable("network_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("recipients", "integer", (c) => c.notNull())
    .addColumn("sent_by", "text", (c) => c.references("users.id"))
    .addColumn("sent_at", "text", (c) => c.notNull())
    .execute();

  // Per unit and year: the planned international work and budget, then its follow-up.
  await db.schema
    .createTable("engagement_plans")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("planned_work", "text", (c) => c.notNull())
    .addColumn("budget", "integer", (c) => c.notNull().check(sql`budget >= 0`))
    .addColumn("outcome", "text")
    .addColumn("cost", "integer", (c) => c.check(sql`cost >= 0`))
    .addColumn("updated_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("engagement_plans_unit_year", ["tenant_id", "unit_id", "year"])
    .execute();

  await db.schema
    .createTable("watch_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('event', 'trend', 'research', 'ranking')`),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("source", "text")
    .addColumn("observed_on", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("watch_items_list")
    .on("watch_items")
    .columns(["tenant_id", "observed_on"])
    .execute();

  // The city's place in an index or ranking in a year: one row per index and year.
  await db.schema
    .createTable("city_comparisons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("index_name", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.check(sql`rank >= 1`))
    .addColumn("value", "double precision")
    .addColumn("source", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("city_comparisons_rank_or_value", sql`rank is not null or value is not null`)
    .addUniqueConstraint("city_comparisons_index_year", ["tenant_id", "index_name", "year"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("city_comparisons").execute();
  await db.schema.dropTable("watch_items").execute();
  await db.schema.dropTable("engagement_plans").execute();
  await db.schema.dropTable("network_messages").execute();
  await db.schema.dropTable("contact_persons").execute();
}
