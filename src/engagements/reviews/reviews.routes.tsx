import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { actorViewFor, requireCan } from "../../auth/index.ts";
import { type FieldError, ValidationError } from "../../platform/errors.ts";
import { formFields, handleForm } from "../../web/forms.ts";
import { sendPage } from "../../web/render.ts";
import { engagementSubject } from "../engagements.model.ts";
import {
  dueItems,
  leadDays,
  recentReviews,
  recordReview,
  reviewableEngagements,
  sendReviewReminders,
  setLeadDays,
} from "./reviews.service.ts";
import { ReviewsPage } from "./views/ReviewsPage.tsx";

const PAGE = "/engagemang/oversyner";
const sentQuery = z.object({
  skickade: z.coerce.number().int().min(0).optional(),
  dagar: z.coerce.number().int().min(1).optional(),
});

/** The review dashboard of memberships and agreements (issue 5, item 5). */
export async function reviewsRoutes(app: FastifyInstance) {
  const { ctx } = app;
  const show = async (
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldError[],
    notice: string | null = null,
  ) => {
    const view = actorViewFor(req, reply);
    // The form offers only the engagements the user may review.
    const reviewable = (await reviewableEngagements(ctx)).filter((e) =>
      view.can("engagement_review.manage", engagementSubject(e)),
    );
    return sendPage(
      reply,
      <ReviewsPage
        view={view}
        due={await dueItems(ctx)}
        reviewable={reviewable}
        recent={await recentReviews(ctx)}
        leadDays={await leadDays(ctx)}
        values={values}
        errors={errors}
        notice={notice}
      />,
      errors.length > 0 ? 422 : 200,
    );
  };

  app.get(PAGE, async (req, reply) => {
    requireCan(req, "followup.view");
    const query = sentQuery.safeParse(req.query);
    const { skickade, dagar } = query.success ? query.data : {};
    const notice =
      skickade !== undefined
        ? req.t("review.reminders_sent", { count: skickade })
        : dagar !== undefined
          ? req.t("review.settings_saved", { days: dagar })
          : null;
    return show(req, reply, {}, [], notice);
  });

  app.post(PAGE, async (req, reply) => {
    const actor = requireCan(req, "engagement_review.manage");
    const { engagementId = "", ...values } = formFields(req.body);
    return handleForm(
      async () => {
        if (!engagementId.trim())
          throw new ValidationError([{ field: "engagementId", message: "review.engagement_required" }]);
        return recordReview(ctx, actor, engagementId, values);
      },
      () => reply.redirect(PAGE, 303),
      (errors) => show(req, reply, { engagementId, ...values }, errors),
    );
  });

  app.post(`${PAGE}/paminnelser`, async (req, reply) => {
    requireCan(req, "engagement_review.manage");
    const sent = await sendReviewReminders(ctx);
    return reply.redirect(`${PAGE}?skickade=${sent}`, 303);
  });

  app.post(`${PAGE}/installningar`, async (req, reply) => {
    const actor = requireCan(req, "review_settings.manage");
    const values = formFields(req.body);
    return handleForm(
      () => setLeadDays(ctx, actor, values),
      (days) => reply.redirect(`${PAGE}?dagar=${days}`, 303),
      (errors) => show(req, reply, values, errors),
    );
  });
}
