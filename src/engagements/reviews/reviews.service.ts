import { auditBy, can, type UserActor } from "../../auth/index.ts";
import { appendAudit } from "../../platform/audit/audit.service.ts";
import { addCivilDays, stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import { ConflictError, type FieldError, ForbiddenError, ValidationError } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n/index.ts";
import { newId } from "../../platform/ids.ts";
import { queueMail } from "../../platform/mail/mail.service.ts";
import { startRepeatingJob } from "../../platform/repeating-job.ts";
import { fieldErrors } from "../../platform/validation.ts";
import { engagementSubject } from "../engagements.model.ts";
import { getEngagement, prepareEngagementUpdate, writeEngagementUpdate } from "../engagements.service.ts";
import { contactResolver } from "../network/network.service.ts";
import {
  AGREEMENT_TYPES,
  DASHBOARD_DAYS,
  type DueItem,
  isReviewed,
  nextReviewOn,
  type Review,
  reminderSettingsSchema,
  reviewSchema,
} from "./reviews.model.ts";
import {
  claimReminder,
  dueRows,
  insertReview,
  latestReviews,
  reminderLeadDays,
  reviewableRows,
  reviewsOfEngagement,
  updateReminderLeadDays,
} from "./reviews.store.ts";

/**
 * What falls due within `days`: memberships and intention agreements whose review date has come
 * or is near (P4), and agreements that end soon. Overdue reviews are included, soonest first.
 */
export async function dueItems(ctx: Ctx, days = DASHBOARD_DAYS): Promise<DueItem[]> {
  const today = stockholmDate(ctx.clock.now());
  const horizon = addCivilDays(today, days);
  const [rows, contactOf] = await Promise.all([
    dueRows(ctx.db, ctx.config.tenantId, today, horizon),
    contactResolver(ctx),
  ]);
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
      contactEmail: contactOf(r.unit_id)?.email ?? null,
    };
    if (isReviewed(r.type) && r.review_date && r.review_date <= horizon)
      items.push({ ...base, kind: "review", dueOn: r.review_date, overdue: r.review_date < today });
    if (AGREEMENT_TYPES.includes(r.type) && r.end_date && r.end_date >= today && r.end_date <= horizon)
      items.push({ ...base, kind: "end", dueOn: r.end_date, overdue: false });
  }
  return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.title.localeCompare(b.title));
}

const sv = translator("sv");

/** How many days before a due date the reminders go out: the setting an admin makes. */
export const leadDays = (ctx: Ctx): Promise<number> => reminderLeadDays(ctx.db, ctx.config.tenantId);

/** What falls due within the reminders' lead time. */
export const dueForReminder = async (ctx: Ctx): Promise<DueItem[]> => dueItems(ctx, await leadDays(ctx));

/** Who is reminded: the engagement's officer and its unit's contact person, each once. */
const recipientsOf = (item: DueItem): string[] => [
  ...new Set([item.officerEmail, item.contactEmail].filter((e): e is string => !!e)),
];

/**
 * E-mails the officer of each engagement and its unit's contact person of each review or end date
 * within the lead time, once: a reminder is a row whose unique key is the engagement, the kind
 * and the due date, inserted with ON CONFLICT DO NOTHING in the transaction that queues the mail.
 * A second run, or a second process, finds the row and sends nothing. A new due date (after a
 * review) is a new reminder. Returns how many reminders were queued.
 */
export async function sendReviewReminders(ctx: Ctx): Promise<number> {
  const due = (await dueForReminder(ctx)).filter((d) => recipientsOf(d).length > 0);
  let queued = 0;
  for (const item of due) {
    const now = ctx.clock.now();
    const recipients = recipientsOf(item);
    const sent = await ctx.db.transaction().execute(async (trx) => {
      const claimed = await claimReminder(trx, {
        id: newId(),
        tenant_id: ctx.config.tenantId,
        engagement_id: item.engagementId,
        kind: item.kind,
        due_on: item.dueOn,
        sent_to: recipients.join(", "),
        created_at: now.toISOString(),
      });
      if (!claimed) return false;
      const params = { title: item.title, date: item.dueOn };
      for (const to of recipients)
        await queueMail(trx, ctx.config.tenantId, now, {
          to,
          subject: sv(`review.reminder_subject.${item.kind}`, params),
          text: sv(`review.reminder_text.${item.kind}`, params),
        });
      return true;
    });
    if (sent) queued++;
  }
  return queued;
}

/** Sets the reminders' lead time (admins only), with its audit event; the next run uses it. */
export async function setLeadDays(ctx: Ctx, by: UserActor, input: unknown): Promise<number> {
  if (!can(by, "review_settings.manage")) throw new ForbiddenError();
  const parsed = reminderSettingsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  const before = await leadDays(ctx);
  const days = parsed.data.leadDays;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateReminderLeadDays(trx, ctx.config.tenantId, days);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "review_settings.update",
      subjectType: "tenant",
      subjectId: ctx.config.tenantId,
      before: { leadDays: before },
      after: { leadDays: days },
    });
  });
  return days;
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
 * review four years on; end ends the engagement. The change goes through the engagement's own
 * checks (the principles, who may change it) and is written with the review and its audit event
 * in one transaction.
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
  const update = await prepareEngagementUpdate(
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
    await writeEngagementUpdate(ctx, trx, update);
    await insertReview(trx, {
      id: review.id,
      tenant_id: ctx.config.tenantId,
      engagement_id: engagementId,
      reviewed_on: reviewedOn,
      outcome,
      note,
      next_review_on: next,
      reviewed_by: by.id,
      created_at: now.toISOString(),
    });
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
export const reviewsOf = (ctx: Ctx, engagementId: string): Promise<Review[]> =>
  reviewsOfEngagement(ctx.db, ctx.config.tenantId, engagementId);

/** Memberships and intention agreements still running: those a review can be recorded for, with their unit and officer. */
export const reviewableEngagements = (
  ctx: Ctx,
): Promise<{ id: string; title: string; unitId: string; officerId: string }[]> =>
  reviewableRows(ctx.db, ctx.config.tenantId);

/** The latest reviews of all engagements, with each engagement's title. */
export const recentReviews = (ctx: Ctx, limit = 20): Promise<(Review & { title: string })[]> =>
  latestReviews(ctx.db, ctx.config.tenantId, limit);
