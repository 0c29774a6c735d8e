import { z } from "zod";
import { auditBy, type UserActor } from "../../../auth/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import type { Ctx } from "../../../platform/context.ts";
import { ValidationError } from "../../../platform/errors.ts";
import { blankToUndefined, fieldErrors } from "../../../platform/validation.ts";
import { bodyOf, requireStep } from "../body-access.ts";
import { POSITIONS } from "../consultation.model.ts";
import { saveAssessment } from "./compile.store.ts";

export const assessmentSchema = z.strictObject({
  summary: z.preprocess(blankToUndefined, z.string().trim().max(5000).optional()),
  position: z.enum(POSITIONS, { error: "round.position_required" }),
});

/** The officer's summary of an answer and the body's position, for the compilation. */
export async function assessAnswer(
  ctx: Ctx,
  by: UserActor,
  consultationId: string,
  recipientId: string,
  input: unknown,
) {
  const access = await bodyOf(ctx, by, consultationId, recipientId);
  requireStep(access, "assess");
  const parsed = assessmentSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error.issues));
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await saveAssessment(trx, recipientId, parsed.data.summary ?? null, parsed.data.position);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.assess",
      subjectType: "consultation",
      subjectId: consultationId,
      before: { summary: access.recipient.summary, position: access.recipient.position },
      after: { recipientId, summary: parsed.data.summary ?? null, position: parsed.data.position },
    });
  });
}
