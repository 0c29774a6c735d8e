import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { requireCan } from "../../auth/index.ts";
import { apiRoute } from "../../platform/http/api-route.ts";
import { nameApiSchemas } from "../../platform/http/openapi.ts";
import { getEngagement } from "../engagements.service.ts";
import { REVIEW_OUTCOMES, reviewSchema } from "./reviews.model.ts";
import { dueItems, recordReview, reviewsOf, sendReviewReminders } from "./reviews.service.ts";

const reviewOut = z.object({
  id: z.string(),
  engagementId: z.string(),
  reviewedOn: z.string(),
  outcome: z.enum(REVIEW_OUTCOMES),
  note: z.string(),
  nextReviewOn: z.string().nullable(),
});
nameApiSchemas({ Review: reviewOut });
const idParams = z.strictObject({ id: z.string().max(100) });

export async function reviewsApi(app: FastifyInstance) {
  const { ctx } = app;
  const tag = "engagement follow-up";

  apiRoute(app, {
    method: "GET",
    path: "/engagements/reviews",
    summary:
      "Memberships and intention agreements due for review and agreements near their end, within `days`",
    tag,
    access: (req) => requireCan(req, "followup.view"),
    query: z.strictObject({ days: z.coerce.number().int().min(0).max(3650).default(180) }),
    response: z.object({
      items: z.array(
        z.object({
          engagementId: z.string(),
          title: z.string(),
          type: z.string(),
          unitId: z.string(),
          unitName: z.string(),
          officerName: z.string(),
          officerEmail: z.string().nullable(),
          kind: z.enum(["review", "end"]),
          dueOn: z.string(),
          overdue: z.boolean(),
        }),
      ),
    }),
    handler: async (_req, { query }) => ({ items: await dueItems(ctx, query.days) }),
  });

  apiRoute(app, {
    method: "POST",
    path: "/engagements/reviews/reminders",
    summary: "E-mail the owners of reviews and end dates within 60 days; each reminder is sent once",
    tag,
    access: (req) => requireCan(req, "engagement_review.manage"),
    response: z.object({ queued: z.number() }),
    handler: async () => ({ queued: await sendReviewReminders(ctx) }),
  });

  apiRoute(app, {
    method: "GET",
    path: "/engagements/:id/reviews",
    summary: "An engagement's reviews, latest first",
    tag,
    access: (req) => requireCan(req, "followup.view"),
    params: idParams,
    response: z.object({ items: z.array(reviewOut) }),
    handler: async (_req, { params }) => {
      await getEngagement(ctx, params.id);
      return { items: await reviewsOf(ctx, params.id) };
    },
  });

  apiRoute(app, {
    method: "POST",
    path: "/engagements/:id/reviews",
    summary: "Record a review (continue, end, change); the next review date is four years on (P4)",
    tag,
    access: (req) => requireCan(req, "engagement_review.manage"),
    params: idParams,
    body: reviewSchema,
    bodyCheckedBy: "service",
    response: reviewOut,
    status: 201,
    handler: async (req, { params, body }) =>
      recordReview(ctx, requireCan(req, "engagement_review.manage"), params.id, body),
  });
}
