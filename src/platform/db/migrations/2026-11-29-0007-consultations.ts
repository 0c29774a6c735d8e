// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("consultations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'sent', 'closed')`))
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("sent_on", "text")
    .addColumn("instructions", "text", (c) => c.notNull())
    .addColumn("officer_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("contact", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("consultations_sent_has_date", sql`status = 'draft' or sent_on is not null`)
    .execute();
  await db.schema.createIndex("consultations_case").on("consultations").columns(["case_id"]).execute();
  await db.schema
    .createIndex("consultations_list")
    .on("consultations")
    .columns(["tenant_id", "created_at", "id"])
    .execute();

  await db.schema
    .createTable("consultation_recipients")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    .addColumn("external_name", "text")
    .addColumn("external_email", "text")
    .addColumn("list_group", "text", (c) =>
      c.notNull().check(sql`list_group in ('district', 'specialist', 'other')`),
    )
    .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('not_sent', 'sent')`))
    .addColumn("deadline", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint(
      "consultation_recipients_unit_or_external",
      sql`(unit_id is not null and external_name is null and external_email is null)
        or (unit_id is null and external_name is not null and external_email is not null)`,
    )
    .addUniqueConstraint("consultation_recipients_unit", ["consultation_id", "unit_id"])
    .execute();

  await db.schema
    .createTable("consultation_material")
    .addColumn("consultation_id", "text", (c) => c.notNull().references("consultations.id"))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addPrimaryKeyConstraint("consultation_material_pk", ["consultation_id", "document_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("consultation_material").execute();
  await db.schema.dropTable("consultation_recipients").execute();
  await db.schema.dropTable("consultations").execute();
}
