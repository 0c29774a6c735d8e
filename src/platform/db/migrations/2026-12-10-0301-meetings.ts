// Frozen migration: never edit after it has landed; add a new file instead.
import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect.ts";

const BODIES = sql.raw("'KF', 'KS', 'IB', 'UNIT'");
const OUTCOMES = sql.raw("'approved', 'rejected', 'referred_back', 'tabled', 'proposal'");

/**
 * Issue 19, items 2 and 3: the meetings of the decision bodies, their agendas, and the decisions
 * taken on them (or by delegation), numbered by paragraph per body and year, each with its minutes
 * extract registered in the case. A KS proposal to KF puts the case on the council's agenda.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`body in (${BODIES})`))
    // The committee or company board when the body is UNIT.
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    .addColumn("meeting_date", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    // The day the justerade minutes were posted on the notice board: the appeal period starts.
    .addColumn("posted_on", "text")
    .addColumn("created_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("meetings_body_date")
    .on("meetings")
    .columns(["tenant_id", "body", "meeting_date"])
    .execute();

  await db.schema
    .createTable("agenda_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`body in (${BODIES})`))
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    // Null while a KS proposal waits for the council's next meeting.
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("agenda_items_meeting").on("agenda_items").column("meeting_id").execute();
  await db.schema.createIndex("agenda_items_case").on("agenda_items").column("case_id").execute();

  await db.schema
    .createTable("meeting_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("tenant_id", "text", (c) => c.notNull().references("tenants.id"))
    .addColumn("body", "text", (c) => c.notNull().check(sql`body in (${BODIES})`))
    .addColumn("unit_id", "text", (c) => c.references("units.id"))
    // The body's paragraph series: the body, or the unit for a committee or board.
    .addColumn("series", "text", (c) => c.notNull())
    // Null for a delegation decision, taken alone without a meeting.
    .addColumn("meeting_id", "text", (c) => c.references("meetings.id"))
    .addColumn("agenda_item_id", "text", (c) => c.references("agenda_items.id").unique())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("decided_on", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("paragraph", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in (${OUTCOMES})`))
    .addColumn("proposes_to", "text", (c) => c.check(sql`proposes_to in (${BODIES})`))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("extract_document_id", "text", (c) => c.notNull().references("documents.id"))
    .addColumn("recorded_by", "text", (c) => c.references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("meeting_decisions_paragraph", ["tenant_id", "series", "year", "paragraph"])
    .execute();
  await db.schema.createIndex("meeting_decisions_case").on("meeting_decisions").column("case_id").execute();

  // Meetings, their agendas and decisions are public records: never deleted.
  for (const table of ["meetings", "agenda_items", "meeting_decisions"])
    if (isPostgres(db))
      await sql`create trigger ${sql.raw(`${table}_never_deleted`)} before delete on ${sql.table(table)}
        for each row execute function kansli_refuse_change()`.execute(db);
    else
      await sql`create trigger ${sql.raw(`${table}_never_deleted`)} before delete on ${sql.table(table)}
        begin select raise(abort, ${sql.lit(`kansli: DELETE on ${table} is not allowed`)}); end`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed against no schema on purpose
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["meeting_decisions", "agenda_items", "meetings"])
    await db.schema.dropTable(table).execute();
}
