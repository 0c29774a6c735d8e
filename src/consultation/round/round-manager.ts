import { can, type UserActor } from "../../auth/index.ts";
import type { Ctx } from "../../platform/context.ts";
import { ForbiddenError } from "../../platform/errors.ts";
import { type Case, caseSubject, getCase } from "../../registry/index.ts";

/**
 * Refuses (403) a user who may not run the rounds of this case: its insiders only. Everyone may
 * read a round, so a refusal says so rather than hiding it.
 */
export function requireRoundManagerOf(by: UserActor, c: Case): void {
  if (!can(by, "consultation.manage", caseSubject(c))) throw new ForbiddenError();
}

/** `requireRoundManagerOf` for a case by its id; returns the case. */
export async function requireRoundManager(ctx: Ctx, by: UserActor, caseId: string): Promise<Case> {
  const c = await getCase(ctx, caseId);
  requireRoundManagerOf(by, c);
  return c;
}
