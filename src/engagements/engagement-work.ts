import { can, type UserActor } from "../auth/index.ts";
import type { Ctx } from "../platform/context.ts";
import type { Engagement } from "./engagements.model.ts";
import { listEngagements } from "./engagements.service.ts";
import type { DueItem } from "./reviews/reviews.model.ts";
import { dueForReminder } from "./reviews/reviews.service.ts";
import { type VisitRequest, visitSubject } from "./visits/visits.model.ts";
import { isOpenRequest, listVisitRequests } from "./visits/visits.service.ts";

const TO_DECIDE_LIMIT = 100;

/** What the international side has waiting for one person. */
export interface EngagementTasks {
  /** Reviews (P4) and agreement ends within the reminder period that the person may record. */
  reviews: DueItem[];
  /** Visit requests not yet decided that the person may assess and decide. */
  visits: VisitRequest[];
  /** Proposed engagements waiting for a decision, for those who decide. */
  toDecide: Engagement[];
}

export async function engagementTasks(ctx: Ctx, actor: UserActor): Promise<EngagementTasks> {
  const [reviews, visits, toDecide] = await Promise.all([
    can(actor, "engagement_review.manage")
      ? dueForReminder(ctx).then((items) =>
          items.filter((d) => can(actor, "engagement_review.manage", { unitId: d.unitId })),
        )
      : [],
    can(actor, "visit_request.handle")
      ? listVisitRequests(ctx).then((items) =>
          items.filter((v) => isOpenRequest(v) && can(actor, "visit_request.handle", visitSubject(v))),
        )
      : [],
    can(actor, "engagement.decide")
      ? listEngagements(ctx, { status: "proposed", limit: TO_DECIDE_LIMIT })
      : [],
  ]);
  return { reviews, visits, toDecide };
}
