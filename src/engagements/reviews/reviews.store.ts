import type { Insertable, Selectable } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import type { EngagementReviewTable, ReviewReminderTable } from "../../platform/db/schema.ts";
import { isStoredEngagementType, REVIEWED_TYPES } from "../engagements.model.ts";
import { AGREEMENT_TYPES, type Review } from "./reviews.model.ts";

/** The statuses of an engagement still running: reviewed, reminded of and reviewable. */
const ACTIVE = ["proposed", "approved"] as const;

type ReviewRow = Selectable<EngagementReviewTable>;

const toReview = (r: Omit<ReviewRow, "tenant_id" | "reviewed_by" | "created_at">): Review => ({
  id: r.id,
  engagementId: r.engagement_id,
  reviewedOn: r.reviewed_on,
  outcome: r.outcome,
  note: r.note,
  nextReviewOn: r.next_review_on,
});

/** Running memberships and intention agreements reviewed by `horizon`, and agreements ending between `today` and it. */
export const dueRows = (db: Db, tenantId: string, today: string, horizon: string) =>
  db
    .selectFrom("engagements as e")
    .innerJoin("units", "units.id", "e.unit_id")
    .innerJoin("users", "users.id", "e.officer_id")
    .select([
      "e.id",
      "e.title",
      "e.type",
      "e.unit_id",
      "units.name as unit_name",
      "users.display_name",
      "users.email",
      "e.review_date",
      "e.end_date",
    ])
    .where("e.tenant_id", "=", tenantId)
    .where("e.status", "in", ACTIVE)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("e.type", "in", REVIEWED_TYPES.filter(isStoredEngagementType)),
          eb("e.review_date", "<=", horizon),
        ]),
        eb.and([
          eb("e.type", "in", [...AGREEMENT_TYPES]),
          eb("e.end_date", ">=", today),
          eb("e.end_date", "<=", horizon),
        ]),
      ]),
    )
    .execute();

/** Inserts a reminder unless one with its key (engagement, kind, due date) exists; true when it was inserted. */
export async function claimReminder(db: Db, row: Insertable<ReviewReminderTable>): Promise<boolean> {
  const inserted = await db
    .insertInto("review_reminders")
    .values(row)
    .onConflict((oc) => oc.columns(["tenant_id", "engagement_id", "kind", "due_on"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export const insertReview = (db: Db, row: Insertable<EngagementReviewTable>) =>
  db.insertInto("engagement_reviews").values(row).execute();

/** An engagement's reviews, latest first. */
export async function reviewsOfEngagement(db: Db, tenantId: string, engagementId: string): Promise<Review[]> {
  const rows = await db
    .selectFrom("engagement_reviews")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("engagement_id", "=", engagementId)
    .orderBy("reviewed_on", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toReview);
}

/** Running memberships and intention agreements, by title, with their unit and officer. */
export const reviewableRows = (db: Db, tenantId: string) =>
  db
    .selectFrom("engagements")
    .select(["id", "title", "unit_id as unitId", "officer_id as officerId"])
    .where("tenant_id", "=", tenantId)
    .where("type", "in", REVIEWED_TYPES.filter(isStoredEngagementType))
    .where("status", "in", ACTIVE)
    .orderBy("title")
    .execute();

/** The latest reviews of all engagements, with each engagement's title. */
export async function latestReviews(
  db: Db,
  tenantId: string,
  limit: number,
): Promise<(Review & { title: string })[]> {
  const rows = await db
    .selectFrom("engagement_reviews as r")
    .innerJoin("engagements as e", "e.id", "r.engagement_id")
    .select([
      "r.id",
      "r.engagement_id",
      "r.reviewed_on",
      "r.outcome",
      "r.note",
      "r.next_review_on",
      "e.title",
    ])
    .where("r.tenant_id", "=", tenantId)
    .orderBy("r.created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toReview(r), title: r.title }));
}

/** How many days before a due date the reminders go out (the tenant's setting). */
export async function reminderLeadDays(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom("tenants")
    .select("review_reminder_days")
    .where("id", "=", tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.review_reminder_days);
}

export const updateReminderLeadDays = (db: Db, tenantId: string, days: number) =>
  db.updateTable("tenants").set({ review_reminder_days: days }).where("id", "=", tenantId).execute();
