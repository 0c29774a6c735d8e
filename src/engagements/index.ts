export { costInYear } from "./costs.ts";
export { countryName } from "./countries.ts";
export { recordDecision } from "./decisions.service.ts";
export { type EngagementTasks, engagementTasks } from "./engagement-work.ts";
export {
  DECIDING_BODIES,
  type DecidingBody,
  type DecisionOutcome,
  type Direction,
  type EngagementType,
  REVIEWED_TYPES,
} from "./engagements.model.ts";
export { engagementsPlugin } from "./engagements.plugin.ts";
export { registerEngagement } from "./engagements.service.ts";
export { directionsOf, financingOf, yearCostsOf } from "./engagements.store.ts";
export { appointContact, listNetwork } from "./network/network.service.ts";
export { startReviewReminders } from "./reviews/reviews.service.ts";
export { assessVisitRequest, decideVisitRequest, receiveVisitRequest } from "./visits/visits.service.ts";
