import type { FastifyInstance } from "fastify";
import { publicConsultationsRoutes } from "./public/public-consultations.routes.tsx";
import { answerRoutes } from "./round/answer/answer.routes.tsx";
import { boardRoutes } from "./round/board/board.routes.tsx";
import { recipientRoutes } from "./round/board/recipient.routes.tsx";
import { closeRoutes } from "./round/close/close.routes.tsx";
import { compileRoutes } from "./round/compile/compile.routes.tsx";
import { consultationsApi } from "./round/consultations.api.ts";
import { draftRoutes } from "./round/draft/draft.routes.tsx";
import { meetingRoutes } from "./round/meeting/meeting.routes.tsx";
import { sendRoutes } from "./round/send/send.routes.tsx";

/**
 * Every route of the consultation domain: the officer's pages from drafting a round to its
 * compilation, the bodies' answer pages (by personal link or signed in), the closed rounds in the
 * public register, and the JSON API.
 */
export async function consultationPlugin(app: FastifyInstance) {
  await app.register(draftRoutes);
  await app.register(boardRoutes);
  await app.register(recipientRoutes);
  await app.register(sendRoutes);
  await app.register(closeRoutes);
  await app.register(meetingRoutes);
  await app.register(compileRoutes);
  await app.register(answerRoutes);
  await app.register(publicConsultationsRoutes);
  await app.register(consultationsApi);
}
