import type { FastifyInstance } from "fastify";
import { engagementsApi } from "./engagements.api.ts";
import { engagementsRoutes } from "./engagements.routes.tsx";
import { followupRoutes } from "./followup/followup.routes.tsx";
import { networkApi } from "./network/network.api.ts";
import { networkRoutes } from "./network/network.routes.tsx";
import { publicEngagementsApi } from "./public/public-engagements.api.ts";
import { publicEngagementsRoutes } from "./public/public-engagements.routes.tsx";
import { reviewsApi } from "./reviews/reviews.api.ts";
import { reviewsRoutes } from "./reviews/reviews.routes.tsx";
import { visitsApi } from "./visits/visits.api.ts";
import { visitsRoutes } from "./visits/visits.routes.tsx";

/** International engagements and their decisions, the contact network, visits, reviews and the follow-up. */
export async function engagementsPlugin(app: FastifyInstance) {
  await app.register(engagementsRoutes);
  await app.register(engagementsApi);
  await app.register(networkRoutes);
  await app.register(networkApi);
  await app.register(visitsRoutes);
  await app.register(visitsApi);
  await app.register(reviewsRoutes);
  await app.register(reviewsApi);
  await app.register(followupRoutes);
  await app.register(publicEngagementsRoutes);
  await app.register(publicEngagementsApi);
}
