import { z } from "zod";
import { addCivilYears } from "../../platform/calendar/civil-date.ts";
import { isOneOf } from "../../platform/validation.ts";
import { REVIEW_INTERVAL_YEARS, REVIEWED_TYPES, type StoredEngagementType } from "../engagements.model.ts";

export const REVIEW_OUTCOMES = ["continue", "end", "change"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Agreements whose end date the dashboard watches (P3: a cooperation agreement has an end date). */
export const AGREEMENT_TYPES: readonly StoredEngagementType[] = [
  "cooperation_agreement",
  "intention_agreement",
];
/** How far ahead the dashboard looks, in days (the reminders' lead time is the tenant's setting). */
export const DASHBOARD_DAYS = 180;

export const isReviewed = (type: string) => isOneOf(REVIEWED_TYPES, type);

/** P4: the next review four years after this one; none when the review ends the engagement. */
export const nextReviewOn = (reviewedOn: string, outcome: ReviewOutcome): string | null =>
  outcome === "end" ? null : addCivilYears(reviewedOn, REVIEW_INTERVAL_YEARS);

/** A line of the dashboard: a review that falls due, or an agreement that is about to end. */
export interface DueItem {
  engagementId: string;
  title: string;
  type: StoredEngagementType;
  unitId: string;
  unitName: string;
  officerName: string;
  officerEmail: string | null;
  /** The unit's international contact person's e-mail, where the unit has one. */
  contactEmail: string | null;
  kind: "review" | "end";
  dueOn: string;
  overdue: boolean;
}

export interface Review {
  id: string;
  engagementId: string;
  reviewedOn: string;
  outcome: ReviewOutcome;
  note: string;
  nextReviewOn: string | null;
}

export const reviewSchema = z.strictObject({
  reviewedOn: z.iso.date({ error: "validation.date" }),
  outcome: z.enum(REVIEW_OUTCOMES, { error: "validation.choice" }),
  note: z.string().trim().min(1, { error: "review.note_required" }).max(5000),
});

/** The reminders' lead time an admin sets, in whole days. */
export const reminderSettingsSchema = z.strictObject({
  leadDays: z.coerce
    .number({ error: "review.lead_days_range" })
    .int({ error: "review.lead_days_range" })
    .min(1, { error: "review.lead_days_range" })
    .max(365, { error: "review.lead_days_range" }),
});
