// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

// Repeated here on purpose (migrations import no app code); twin-city agreements are never stored (P2).
const TYPES = sql`type in ('visit', 'trip', 'membership', 'cooperation_agreement', 'intention_agreement',
  'network', 'declaration', 'eu_project', 'aid_project')`;
const BODIES = sql`('KF', 'KS', 'IB', 'UNIT')`;

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("engagements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("type", "text", (c) => c.notNull().check(TYPES))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addColumn("officer_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("scope", "text", (c) => c.notNull().check(sql`scope in ('city', 'service')`))
    .addColumn("units_affected", "integer", (c) => c.notNull().check(sql`units_affected >= 1`))
    .addColumn("political_level", "text", (c) =>
      c.notNull().check(sql`political_level in ('high', 'normal')`),
    )
    .addColumn("adds_resource_burden", "integer", (c) =>
      c.notNull().check(sql`adds_resource_burden in (0, 1)`),
    )
    .addColumn("on_behalf_of", "text", (c) => c.notNull().check(sql`on_behalf_of in ('KS', 'unit')`))
    /** P1: the officer says it touches Sweden's relations with other states, aid or security policy. */
    .addColumn("touches_state_relations", "integer", (c) =>
      c.notNull().check(sql`touches_state_relations in (0, 1)`),
    )
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("mutual_benefit", "text")
    .addColumn("theme", "text")
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text")
    /** Whole kronor. */
    .addColumn("cost", "integer", (c) => c.check(sql`cost >= 0`))
    .addColumn("prioritised", "integer", (c) => c.notNull().check(sql`prioritised in (0, 1)`))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('proposed', 'approved', 'rejected', 'ended')`),
    )
    .addColumn("review_date", "text")
    .addColumn("last_reviewed_on", "text")
    // The decision routing (domain.md §6) as it stood when the engagement was last saved.
    .addColumn("deciding_body", "text", (c) => c.notNull().check(sql`deciding_body in ${BODIES}`))
    .addColumn("deciding_unit_id", "text", (c) => c.references("units.id"))
    .addColumn("routing_rule", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint("engagements_end_after_start", sql`end_date is null or end_date >= start_date`)
    .execute();
  await db.schema
    .createIndex("engagements_list")
    .on("engagements")
    .columns(["tenant_id", "created_at", "id"])
    .execute();
  await db.schema.createIndex("engagements_case").on("engagements").column("case_id").execute();
  await db.schema.createIndex("engagements_unit").on("engagements").columns(["unit_id", "type"]).execute();

  await db.schema
    .createTable("engagement_directions")
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("direction", "text", (c) =>
      c.notNull().check(sql`direction in ('profilering', 'omvarldsbevakning', 'samverkan', 'paverkan')`),
    )
    .addPrimaryKeyConstraint("engagement_directions_pk", ["engagement_id", "direction"])
    .execute();

  await db.schema
    .createTable("engagement_counterparts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('city', 'region', 'state', 'organisation', 'network', 'company', 'academia', 'other')`,
        ),
    )
    .addColumn("name", "text", (c) => c.notNull())
    /** ISO 3166-1 alpha-2, upper case, so engagements can be reported by country. */
    .addColumn("country", "text", (c) => c.notNull().check(sql`length(country) = 2`))
    .execute();
  await db.schema
    .createIndex("engagement_counterparts_engagement")
    .on("engagement_counterparts")
    .columns(["engagement_id", "position"])
    .execute();
  await db.schema
    .createIndex("engagement_counterparts_country")
    .on("engagement_counterparts")
    .column("country")
    .execute();

  await db.schema
    .createTable("engagement_financing")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('city', 'eu', 'other_party')`))
    /** Who pays, e.g. "Sida", when the source is another party. */
    .addColumn("funder", "text")
    .addColumn("share_percent", "integer", (c) =>
      c.notNull().check(sql`share_percent >= 0 and share_percent <= 100`),
    )
    .execute();
  await db.schema
    .createIndex("engagement_financing_engagement")
    .on("engagement_financing")
    .columns(["engagement_id", "position"])
    .execute();

  await db.schema
    .createTable("engagement_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`body in ${BODIES}`))
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    .addColumn("decided_on", "text", (c) => c.notNull())
    .addColumn("minutes_paragraph", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) =>
      c.notNull().check(sql`outcome in ('approved', 'rejected', 'postponed')`),
    )
    .addColumn("conditions", "text")
    /** The decision registered as a document in the engagement's case. */
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("recorded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("engagement_decisions_unit", sql`(body = 'UNIT') = (unit_id is not null)`)
    .execute();
  await db.schema
    .createIndex("engagement_decisions_engagement")
    .on("engagement_decisions")
    .columns(["engagement_id", "decided_on"])
    .execute();

  // Registered engagements and their decisions are public records: never deleted.
  for (const table of ["engagements", "engagement_decisions"]) {
    if (isPostgres(db)) {
      await sql`create trigger ${sql.raw(`${table}_never_deleted`)} before delete on ${sql.table(table)}
        for each row execute function kansli_refuse_change()`.execute(db);
    } else {
      await sql`create trigger ${sql.raw(`${table}_never_deleted`)} before delete on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`kansli: DELETE on ${table} is not allowed`)}); end`.execute(db);
    }
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "engagement_decisions",
    "engagement_financing",
    "engagement_counterparts",
    "engagement_directions",
    "engagements",
  ])
    await db.schema.dropTable(table).execute();
}
