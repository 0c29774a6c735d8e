import type { Insertable } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import type { EngagementReviewTable } from "../../platform/db/schema.ts";

export const insertReview = (db: Db, row: Insertable<EngagementReviewTable>) =>
  db.insertInto("engagement_reviews").values(row).execute();
