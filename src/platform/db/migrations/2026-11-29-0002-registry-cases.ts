// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("registries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("prefix", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    .addColumn("number_pattern", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("registries_tenant_prefix", ["tenant_id", "prefix"])
    .execute();

  // One row per registry and year: the last sequence number given out.
  await db.schema
    .createTable("diary_counters")
    .addColumn("registry_id", "text", (c) => c.notNull().references("registries.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("last_seq", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("diary_counters_pk", ["registry_id", "year"])
    .execute();

  await db.schema
    .createTable("classification_schemes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("classification_schemes_version", ["tenant_id", "name", "version"])
    .execute();

  await db.schema
    .createTable("classes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("scheme_id", "text", (c) => c.notNull().references("classification_schemes.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("parent_code", "text")
    .addUniqueConstraint("classes_scheme_code", ["scheme_id", "code"])
    .execute();

  await db.schema
    .createTable("cases")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("registry_id", "text", (c) => c.notNull().references("registries.id"))
    .addColumn("diary_number", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull().check(sql`seq > 0`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("public_title", "text")
    .addColumn("class_id", "text", (c) => c.notNull().references("classes.id"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addColumn("officer_id", "text", (c) => c.references("users.id"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open', 'closed')`))
    .addColumn("opened_on", "text", (c) => c.notNull())
    .addColumn("closed_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("cases_diary_number", ["tenant_id", "diary_number"])
    .addUniqueConstraint("cases_registry_year_seq", ["registry_id", "year", "seq"])
    .execute();
  await db.schema
    .createIndex("cases_tenant_opened")
    .on("cases")
    .columns(["tenant_id", "opened_on", "id"])
    .execute();
  await db.schema.createIndex("cases_unit").on("cases").columns(["unit_id", "opened_on"]).execute();
  await db.schema.createIndex("cases_officer").on("cases").columns(["officer_id", "status"]).execute();

  await db.schema
    .createTable("case_parties")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organisation", "text")
    .addColumn("email", "text")
    .addColumn("protected_identity", "integer", (c) =>
      c.notNull().defaultTo(0).check(sql`protected_identity in (0, 1)`),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("case_parties_case").on("case_parties").column("case_id").execute();

  // A registered case is a public record: it is never deleted, by the code or by hand.
  if (isPostgres(db)) {
    await sql`create trigger cases_never_deleted before delete on cases
      for each row execute function kansli_refuse_change()`.execute(db);
  } else {
    await sql`create trigger cases_never_deleted before delete on cases
      begin select raise(abort, 'kansli: DELETE on cases is not allowed'); end`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "case_parties",
    "cases",
    "classes",
    "classification_schemes",
    "diary_counters",
    "registries",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
