// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";

const FLAG = (column: string) => sql`${sql.ref(column)} is null or ${sql.ref(column)} in (0, 1)`;
/** The assessment checklist of a visit (domain.md §5); null until assessed. */
const CHECKLIST = [
  "mutual_learning",
  "new_perspectives",
  "service_development",
  "raised_competence",
  "city_image",
  "resident_ties",
];

/** Visit requests and the review of memberships and agreements (issue 5, items 4 and 5). */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  let visits = db.schema
    .createTable("visit_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("received_via", "text", (c) => c.notNull().check(sql`received_via in ('public', 'officer')`))
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull().check(sql`length(country) = 2`))
    .addColumn("contact_name", "text", (c) => c.notNull())
    .addColumn("contact_email", "text", (c) => c.notNull())
    .addColumn("visit_from", "text", (c) => c.notNull())
    .addColumn("visit_to", "text", (c) => c.notNull())
    .addColumn("participants", "integer", (c) => c.notNull().check(sql`participants >= 1`))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("political_level", "text", (c) =>
      c.notNull().check(sql`political_level in ('high', 'normal')`),
    )
    // Who handles it: KS coordinates, or the unit concerned (domain.md §6).
    .addColumn("coordinator", "text", (c) => c.notNull().check(sql`coordinator in ('KS', 'UNIT')`))
    .addColumn("coordinator_unit_id", "text", (c) => c.references("units.id"))
    .addColumn("routing_rule", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('received', 'assessed', 'decided')`))
    .addColumn("assessment_note", "text")
    .addColumn("prioritised", "integer", (c) => c.check(FLAG("prioritised")))
    .addColumn("assessed_by", "text", (c) => c.references("users.id"))
    .addColumn("assessed_at", "text")
    .addColumn("outcome", "text", (c) =>
      c.check(sql`outcome is null or outcome in ('accept', 'decline', 'refer')`),
    )
    .addColumn("outcome_note", "text")
    .addColumn("referred_to", "text")
    .addColumn("letter_kind", "text", (c) =>
      c.check(sql`letter_kind is null or letter_kind in ('invitation', 'acceptance', 'decline', 'referral')`),
    )
    .addColumn("letter_document_id", "text", (c) => c.references("documents.id"))
    .addColumn("engagement_id", "text", (c) => c.references("engagements.id"))
    .addColumn("decided_by", "text", (c) => c.references("users.id"))
    .addColumn("decided_at", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("received_at", "text", (c) => c.notNull())
    .addCheckConstraint("visit_requests_dates", sql`visit_to >= visit_from`)
    .addCheckConstraint(
      "visit_requests_coordinator",
      sql`(coordinator = 'UNIT') = (coordinator_unit_id is not null)`,
    )
    .addCheckConstraint(
      "visit_requests_decided",
      sql`status <> 'decided' or (outcome is not null and letter_document_id is not null)`,
    );
  for (const column of CHECKLIST) visits = visits.addColumn(column, "integer", (c) => c.check(FLAG(column)));
  await visits.execute();
  await db.schema
    .createIndex("visit_requests_list")
    .on("visit_requests")
    .columns(["tenant_id", "received_at", "id"])
    .execute();

  // The services (units) a visit wants to see: its areas.
  await db.schema
    .createTable("visit_request_units")
    .addColumn("visit_request_id", "text", (c) => c.notNull().references("visit_requests.id"))
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addPrimaryKeyConstraint("visit_request_units_pk", ["visit_request_id", "unit_id"])
    .execute();

  // P4: each review of a membership or agreement, with its outcome and the next review date.
  await db.schema
    .createTable("engagement_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("reviewed_on", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('continue', 'end', 'change')`))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("next_review_on", "text")
    .addColumn("reviewed_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("engagement_reviews_next", sql`(outcome = 'end') = (next_review_on is null)`)
    .execute();
  await db.schema
    .createIndex("engagement_reviews_engagement")
    .on("engagement_reviews")
    .columns(["engagement_id", "reviewed_on"])
    .execute();

  // One reminder per engagement, kind and due date: the unique key makes sending twice impossible,
  // even from two processes at once.
  await db.schema
    .createTable("review_reminders")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("engagement_id", "text", (c) => c.notNull().references("engagements.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('review', 'end')`))
    .addColumn("due_on", "text", (c) => c.notNull())
    .addColumn("sent_to", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("review_reminders_once", ["tenant_id", "engagement_id", "kind", "due_on"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("review_reminders").execute();
  await db.schema.dropTable("engagement_reviews").execute();
  await db.schema.dropTable("visit_request_units").execute();
  await db.schema.dropTable("visit_requests").execute();
}
