// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

/**
 * Secrecy grounds (issue 14): each tenant keeps a list of provisions of the OSL (2009:400) that a
 * document's secrecy marking must be chosen from. The list itself is filled when a tenant is set
 * up (`kansli migrate`, see registry/secrecy-grounds.seed.ts), not here: a fresh database has no
 * tenant yet when it is migrated. A document points to the ground it was marked with; the
 * citation text in `secrecy_provision` stays as written, so markings made before the list (free
 * text) are kept verbatim with no ground. A ground is retired, never deleted: the foreign key
 * refuses to delete one a document uses.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("secrecy_grounds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("chapter", "integer", (c) => c.notNull().check(sql`chapter between 1 and 99`))
    .addColumn("section", "text", (c) => c.notNull())
    // Stycke and/or punkt where the ground is narrower than the whole section ("andra stycket").
    .addColumn("paragraph", "text")
    // The citation as it is written in markings and exports: "21 kap. 3 § OSL".
    .addColumn("citation", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("retired_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("secrecy_grounds_citation", ["tenant_id", "citation"])
    .execute();
  await db.schema
    .alterTable("documents")
    .addColumn("secrecy_ground_id", "text", (c) => c.references("secrecy_grounds.id"))
    .execute();
  // Counting a ground's documents (the admin page) reads only the few secret ones.
  await db.schema
    .createIndex("documents_secrecy_ground")
    .on("documents")
    .column("secrecy_ground_id")
    .where(sql.ref("secrecy_ground_id"), "is not", null)
    .execute();

  // The list is read by every document form: kept in memory like units and classes (migration 0014).
  await db.insertInto("reference_versions").values({ name: "secrecy_grounds", version: 0 }).execute();
  if (isPostgres(db)) {
    await sql`create trigger secrecy_grounds_reference_version
      after insert or update or delete on secrecy_grounds
      for each statement execute function kansli_bump_reference_version('secrecy_grounds')`.execute(db);
  } else {
    for (const event of ["insert", "update", "delete"])
      await sql`create trigger ${sql.raw(`secrecy_grounds_${event}_reference_version`)}
        after ${sql.raw(event)} on secrecy_grounds
        begin update reference_versions set version = version + 1 where name = 'secrecy_grounds'; end`.execute(
        db,
      );
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db))
    await sql`drop trigger secrecy_grounds_reference_version on secrecy_grounds`.execute(db);
  else
    for (const event of ["insert", "update", "delete"])
      await sql`drop trigger ${sql.raw(`secrecy_grounds_${event}_reference_version`)}`.execute(db);
  await db.deleteFrom("reference_versions").where("name", "=", "secrecy_grounds").execute();
  await db.schema.dropIndex("documents_secrecy_ground").execute();
  await db.schema.alterTable("documents").dropColumn("secrecy_ground_id").execute();
  await db.schema.dropTable("secrecy_grounds").execute();
}
