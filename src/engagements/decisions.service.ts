import type { UserActor } from "../auth/actor.ts";
import { auditBy } from "../auth/audit-actor.ts";
import { findUnit } from "../organisation/units.store.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/clock.ts";
import type { Ctx } from "../platform/context.ts";
import { ConflictError, ValidationError } from "../platform/errors.ts";
import { translator } from "../platform/i18n/index.ts";
import { newId } from "../platform/ids.ts";
import { fieldErrors } from "../platform/validation.ts";
import { getCase } from "../registry/cases.service.ts";
import { registerDocument } from "../registry/documents.service.ts";
import { decisionInputSchema, statusAfter } from "./engagements.model.ts";
import { getEngagement } from "./engagements.service.ts";
import { insertDecision, setEngagementStatus } from "./engagements.store.ts";

const sv = translator("sv");

/**
 * Records a decision on an engagement and registers it as an internal document in the
 * engagement's case (the registry's own registering service), then sets the status the
 * outcome gives. The body defaults to the one the routing names.
 */
export async function recordDecision(ctx: Ctx, by: UserActor | "system", id: string, input: unknown) {
  const e = await getEngagement(ctx, id);
  const parsed = decisionInputSchema.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const today = stockholmDate(ctx.clock.now());
  if (parsed.success && parsed.data.decidedOn > today)
    errors.push({ field: "decidedOn", message: "engagement.decided_on_future" });
  if (!parsed.success || errors.length > 0) throw new ValidationError(errors);
  const d = parsed.data;
  const c = await getCase(ctx, e.caseId);
  if (c.status !== "open")
    throw new ConflictError(
      "the engagement's case is closed",
      [],
      [{ field: "", message: "engagement.case_closed" }],
    );

  const body = d.body ?? e.decidingBody;
  const unitId = body === "UNIT" ? e.unitId : null;
  const unitName = unitId ? ((await findUnit(ctx.db, ctx.config.tenantId, unitId))?.name ?? "") : "";
  const bodyName = unitId ? sv("engagement.body_of_unit", { unit: unitName }) : sv(`engagement.body.${body}`);
  const document = await registerDocument(
    ctx,
    by,
    e.caseId,
    {
      direction: "internal",
      date: d.decidedOn,
      documentType: "Beslut",
      description: sv("engagement.decision_document", {
        outcome: sv(`engagement.outcome.${d.outcome}`).toLowerCase(),
        title: e.title,
        body: bodyName,
        paragraph: d.minutesParagraph,
      }).slice(0, 1000),
    },
    null,
  );
  const now = ctx.clock.now().toISOString();
  const decisionId = newId();
  const status = statusAfter(d.outcome, e.status);
  await ctx.db.transaction().execute(async (trx) => {
    await insertDecision(trx, {
      id: decisionId,
      tenant_id: ctx.config.tenantId,
      engagement_id: id,
      body,
      unit_id: unitId,
      decided_on: d.decidedOn,
      minutes_paragraph: d.minutesParagraph,
      outcome: d.outcome,
      conditions: d.conditions ?? null,
      document_id: document.id,
      recorded_by: by === "system" ? null : by.id,
      created_at: now,
    });
    if (status !== e.status) await setEngagementStatus(trx, id, status, now);
    await appendAudit(trx, ctx.config.tenantId, new Date(now), {
      ...auditBy(by),
      action: "engagement.decide",
      subjectType: "engagement",
      subjectId: id,
      before: { status: e.status },
      after: { status, decision: { body, unitId, ...d, documentId: document.id } },
    });
  });
  return getEngagement(ctx, id);
}
