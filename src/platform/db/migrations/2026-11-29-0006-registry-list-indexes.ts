// Frozen migration: never edit after it has landed; add a new file instead.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  // The register list is read newest first (opened_on, id) under one filter at a time; with the
  // filter's column second, each filtered page is a walk down one index (at a million cases the
  // unit filter otherwise scans thousands of rows of other units).
  for (const column of ["unit_id", "registry_id", "status", "year", "officer_id"]) {
    await db.schema
      .createIndex(`cases_list_by_${column}`)
      .on("cases")
      .columns(["tenant_id", column, "opened_on", "id"])
      .execute();
  }
  await db.schema.dropIndex("cases_unit").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["unit_id", "registry_id", "status", "year", "officer_id"])
    await db.schema.dropIndex(`cases_list_by_${column}`).execute();
  await db.schema.createIndex("cases_unit").on("cases").columns(["unit_id", "opened_on"]).execute();
}
