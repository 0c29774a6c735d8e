import type { Ctx } from "../../platform/context.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { type CaseStatus, getCase } from "../../registry/index.ts";
import type { ListGroup, RecipientState } from "../round/consultation.model.ts";
import { allRecipients, getConsultation } from "../round/consultation.service.ts";
import { publicRoundTitle } from "../round/round-title.ts";
import { closedConsultationIds } from "./public-consultations.store.ts";

/** A closed consultation as the public sees it: who was asked and who answered, and the case's outcome. */
export interface PublicConsultation {
  id: string;
  /** The case's public title where the case holds secret parts, else the consultation's title. */
  title: string;
  diaryNumber: string;
  sentOn: string | null;
  deadline: string;
  closedOn: string | null;
  caseStatus: CaseStatus;
  caseClosedOn: string | null;
  bodies: { name: string; group: ListGroup; state: RecipientState; answeredOn: string | null }[];
}

/**
 * Only closed rounds are public (while a round is out its answers are held back); a draft or an
 * open round is not found. The answers themselves are the case's registered documents, shown
 * by the public register under R9.
 */
export async function publicConsultation(ctx: Ctx, id: string): Promise<PublicConsultation> {
  const k = await getConsultation(ctx, id);
  if (k.status !== "closed") throw new NotFoundError();
  const c = await getCase(ctx, k.caseId);
  return {
    id: k.id,
    title: publicRoundTitle(k, c),
    diaryNumber: c.diaryNumber,
    sentOn: k.sentOn,
    deadline: k.deadline,
    closedOn: k.closedOn,
    caseStatus: c.status,
    caseClosedOn: c.closedOn,
    bodies: allRecipients(k).map((r) => ({
      name: r.name,
      group: r.group,
      state: r.state,
      answeredOn: r.answeredOn ?? r.declinedOn,
    })),
  };
}

/** The closed consultations, most recently closed first. */
export async function closedConsultations(ctx: Ctx, limit: number): Promise<PublicConsultation[]> {
  const ids = await closedConsultationIds(ctx.db, ctx.config.tenantId, limit);
  return Promise.all(ids.map((id) => publicConsultation(ctx, id)));
}
