import type { Selectable } from "kysely";
import type { UserActor } from "../../auth/actor.ts";
import { auditBy } from "../../auth/audit-actor.ts";
import { can } from "../../auth/policy.ts";
import { appendAudit } from "../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../platform/clock.ts";
import type { Ctx } from "../../platform/context.ts";
import type { Database } from "../../platform/db/schema.ts";
import { ConflictError, type FieldError, ForbiddenError, ValidationError } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n/index.ts";
import { newId } from "../../platform/ids.ts";
import { queueMail } from "../../platform/mail/mail.service.ts";
import { startRepeatingJob } from "../../platform/repeating-job.ts";
import { fieldErrors } from "../../platform/validation.ts";
import { engagementSubject, REVIEWED_TYPES } from "../engagements.model.ts";
import { getEngagement, updateEngagement } from "../engagements.service.ts";
import {
  AGREEMENT_TYPES,
  addDays,
  DASHBOARD_DAYS,
  type DueItem,
  isReviewed,
  nextReviewOn,
  REMINDER_DAYS,
  type Review,
  type ReviewOutcome,
  reviewSchema,
} from "./reviews.model.ts";

const ACTIVE = ["proposed", "approved"];

/**
 * What falls due within `days`: memberships and intention agreements whose review date has come
 * or is near (P4), and agreements that end soon. Overdue reviews are included, soonest first.
 */
export async function dueItems(ctx: Ctx, days = DASHBOARD_DAYS): Promise<DueItem[]> {
  const today = stockholmDate(ctx.clock.now());
  const horizon = addDays(today, days);
  const rows = await ctx.db
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
    .where("e.tenant_id", "=", ctx.config.tenantId)
    .where("e.status", "in", ACTIVE)
    .where((eb) =>
      eb.or([
        eb.and([eb("e.type", "in", [...REVIEWED_TYPES]), eb("e.review_date", "<=", horizon)]),
        eb.and([
          eb("e.type", "in", [...AGREEMENT_TYPES]),
          eb("e.end_date", ">=", today),
          eb("e.end_date", "<=", horizon),
        ]),
      ]),
    )
    .execute();
  const items: DueItem[] = [];
  for (const r of rows) {
    const base = {
      engagementId: r.id,
      title: r.title,
      type: r.type,
      unitId: r.unit_id,
      unitName: r.unit_name,
      officerName: r.display_name,
      officerEmail: r.email,
    };
    if (isReviewed(r.type) && r.review_date && r.review_date <= horizon)
      items.push({ ...base, kind: "review", dueOn: r.review_date, overdue: r.review_date < today });
    if (
      AGREEMENT_TYPES.includes(r.type as never) &&
      r.end_date &&
      r.end_date >= today &&
      r.end_date <= horizon
    )
      items.push({ ...base, kind: "end", dueOn: r.end_date, overdue: false });
  }
  return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title));
}

const sv = translator("sv");

/**
 * E-mails the owner (the engagement's officer) of each review or end date within
 * REMINDER_DAYS, once: a reminder is a row whose unique key is the engagement, the kind and the
 * due date, inserted with ON CONFLICT DO NOTHING in the transaction that queues the mail. A
 * second run, or a second process, finds the row and sends nothing. A new due date (after a
 * review) is a new reminder. Returns how many were queued.
 */
export async function sendReviewReminders(ctx: Ctx): Promise<number> {
  const due = (await dueItems(ctx, REMINDER_DAYS)).filter((d) => d.officerEmail);
  let queued = 0;
  for (const item of due) {
    const now = ctx.clock.now();
    const sent = await ctx.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto("review_reminders")
        .values({
          id: newId(),
          tenant_id: ctx.config.tenantId,
          engagement_id: item.engagementId,
          kind: item.kind,
          due_on: item.dueOn,
          sent_to: item.officerEmail ?? "",
          created_at: now.toISOString(),
        })
        .onConflict((oc) => oc.columns(["tenant_id", "engagement_id", "kind", "due_on"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!inserted) return false;
      const params = { title: item.title, date: item.dueOn };
      await queueMail(trx, ctx.config.tenantId, now, {
        to: item.officerEmail ?? "",
        subject: sv(`review.reminder_subject.${item.kind}`, params),
        text: sv(`review.reminder_text.${item.kind}`, params),
      });
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}

/** Runs the reminders every `everyMs` while the server runs (they are sent once whatever the interval). */
export function startReviewReminders(ctx: Ctx, everyMs = 60 * 60_000): () => void {
  return startRepeatingJob(ctx.log, {
    name: "review reminders",
    everyMs,
    run: () => sendReviewReminders(ctx),
  });
}

/**
 * Records a review of a membership or intention agreement (P4): continue or change sets the next
 * review four years on; end ends the engagement. The engagement is changed through its own
 * service (which checks the principles and who may change it) before the review is written.
 */
export async function recordReview(
  ctx: Ctx,
  by: UserActor,
  engagementId: string,
  input: unknown,
): Promise<Review> {
  const engagement = await getEngagement(ctx, engagementId);
  // Everyone reads engagements, so another unit's is refused (403) rather than hidden.
  if (!can(by, "engagement_review.manage", engagementSubject(engagement))) throw new ForbiddenError();
  if (!isReviewed(engagement.type))
    throw new ConflictError(
      `a ${engagement.type} is not reviewed under P4`,
      [],
      [{ field: "", message: "review.not_reviewed_type" }],
    );
  const parsed = reviewSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  if (parsed.success && parsed.data.outcome === "end" && engagement.status !== "approved")
    errors.push({ field: "outcome", message: "review.end_needs_approved" });
  if (parsed.success && parsed.data.reviewedOn > stockholmDate(ctx.clock.now()))
    errors.push({ field: "reviewedOn", message: "review.not_in_future" });
  if (!parsed.success || errors.length > 0) throw new ValidationError(errors);
  const { reviewedOn, outcome, note } = parsed.data;
  const next = nextReviewOn(reviewedOn, outcome);
  await updateEngagement(
    ctx,
    by,
    engagementId,
    outcome === "end"
      ? { status: "ended", lastReviewedOn: reviewedOn }
      : { lastReviewedOn: reviewedOn, reviewDate: next },
  );
  const now = ctx.clock.now();
  const review: Review = { id: newId(), engagementId, reviewedOn, outcome, note, nextReviewOn: next };
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("engagement_reviews")
      .values({
        id: review.id,
        tenant_id: ctx.config.tenantId,
        engagement_id: engagementId,
        reviewed_on: reviewedOn,
        outcome,
        note,
        next_review_on: next,
        reviewed_by: by.id,
        created_at: now.toISOString(),
      })
      .execute();
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "engagement.review",
      subjectType: "engagement",
      subjectId: engagementId,
      before: { reviewDate: engagement.reviewDate, lastReviewedOn: engagement.lastReviewedOn },
      after: review,
    });
  });
  return review;
}

/** An engagement's reviews, latest first. */
type ReviewColumns = "id" | "engagement_id" | "reviewed_on" | "outcome" | "note" | "next_review_on";

const toReview = (r: Pick<Selectable<Database["engagement_reviews"]>, ReviewColumns>): Review => ({
  id: r.id,
  engagementId: r.engagement_id,
  reviewedOn: r.reviewed_on,
  outcome: r.outcome as ReviewOutcome,
  note: r.note,
  nextReviewOn: r.next_review_on,
});

export async function reviewsOf(ctx: Ctx, engagementId: string): Promise<Review[]> {
  const rows = await ctx.db
    .selectFrom("engagement_reviews")
    .selectAll()
    .where("tenant_id", "=", ctx.config.tenantId)
    .where("engagement_id", "=", engagementId)
    .orderBy("reviewed_on", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toReview);
}

/** Memberships and intention agreements still running: those a review can be recorded for, with their unit and officer. */
export async function reviewableEngagements(
  ctx: Ctx,
): Promise<{ id: string; title: string; unitId: string; officerId: string }[]> {
  return ctx.db
    .selectFrom("engagements")
    .select(["id", "title", "unit_id as unitId", "officer_id as officerId"])
    .where("tenant_id", "=", ctx.config.tenantId)
    .where("type", "in", [...REVIEWED_TYPES])
    .where("status", "in", ACTIVE)
    .orderBy("title")
    .execute();
}

/** The latest reviews of all engagements, with each engagement's title. */
export async function recentReviews(ctx: Ctx, limit = 20): Promise<(Review & { title: string })[]> {
  const rows = await ctx.db
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
    .where("r.tenant_id", "=", ctx.config.tenantId)
    .orderBy("r.created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toReview(r), title: r.title }));
}
