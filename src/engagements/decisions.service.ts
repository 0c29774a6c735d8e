import { auditBy, type UserActor } from "../auth/index.ts";
import { findUnit } from "../organisation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import { stockholmDate } from "../platform/calendar/civil-date.ts";
import type { Ctx } from "../platform/context.ts";
import { ConflictError, ValidationError } from "../platform/errors.ts";
import { translator } from "../platform/i18n/index.ts";
import { newId } from "../platform/ids.ts";
import { fieldErrors } from "../platform/validation.ts";
import { getCase, type PreparedDocument, prepareDocument, writePreparedDocument } from "../registry/index.ts";
import {
  type DecisionInput,
  decisionInputSchema,
  decisionRole,
  type EngagementDetails,
  type EngagementStatus,
  statusAfter,
} from "./engagements.model.ts";
import { getEngagement } from "./engagements.service.ts";
import { type DecisionRow, insertDecision, setEngagementStatus } from "./engagements.store.ts";

const sv = translator("sv");

/** A decision checked and its document prepared, ready for the command's transaction. */
interface PreparedDecision {
  engagement: EngagementDetails;
  row: DecisionRow;
  input: DecisionInput;
  document: PreparedDocument;
  status: EngagementStatus;
}

/**
 * Checks a decision on an engagement and prepares its document: an internal document of the
 * engagement's case (the registry's own checks). The body defaults to the one the routing names.
 * Nothing is written.
 */
async function prepareDecision(
  ctx: Ctx,
  by: UserActor | "system",
  id: string,
  input: unknown,
): Promise<PreparedDecision> {
  const e = await getEngagement(ctx, id);
  const parsed = decisionInputSchema.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const today = stockholmDate(ctx.clock.now());
  if (parsed.success && parsed.data.decidedOn > today)
    errors.push({ field: "decidedOn", message: "engagement.decided_on_future" });
  const role = parsed.success ? decisionRole(parsed.data.body ?? e.decidingBody, e.decidingBody) : "decides";
  if (role === "not_routed")
    errors.push(
      { field: "body", message: `engagement.body_not_routed.${e.decidingBody}` },
      { field: "body", message: `engagement.routing.${e.routingRule}` },
    );
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
  const document = await prepareDocument(
    ctx,
    by,
    e.caseId,
    {
      direction: "internal",
      date: d.decidedOn,
      documentType: "Beslut",
      description: sv(role === "proposes" ? "engagement.proposal_document" : "engagement.decision_document", {
        outcome: sv(`engagement.outcome.${d.outcome}`).toLowerCase(),
        title: e.title,
        body: bodyName,
        paragraph: d.minutesParagraph,
      }).slice(0, 1000),
    },
    null,
  );
  const row: DecisionRow = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    engagement_id: id,
    body,
    unit_id: unitId,
    decided_on: d.decidedOn,
    minutes_paragraph: d.minutesParagraph,
    outcome: d.outcome,
    conditions: d.conditions ?? null,
    document_id: document.row.id,
    recorded_by: by === "system" ? null : by.id,
    created_at: ctx.clock.now().toISOString(),
  };
  // A proposal to KF leaves the engagement proposed: only the council's decision changes it.
  const status = role === "decides" ? statusAfter(d.outcome, e.status) : e.status;
  return { engagement: e, row, input: d, document, status };
}

/**
 * Records a decision on an engagement: its document, the decision, the status the outcome gives
 * and the audit events are written in one transaction, after every check has passed.
 */
export async function recordDecision(ctx: Ctx, by: UserActor | "system", id: string, input: unknown) {
  const { engagement: e, row, input: d, document, status } = await prepareDecision(ctx, by, id, input);
  const now = row.created_at;
  await ctx.db.transaction().execute(async (trx) => {
    await writePreparedDocument(ctx, trx, document);
    await insertDecision(trx, row);
    if (status !== e.status) await setEngagementStatus(trx, id, status, now);
    await appendAudit(trx, ctx.config.tenantId, new Date(now), {
      ...auditBy(by),
      action: "engagement.decide",
      subjectType: "engagement",
      subjectId: id,
      before: { status: e.status },
      after: { status, decision: { body: row.body, unitId: row.unit_id, ...d, documentId: row.document_id } },
    });
  });
  return getEngagement(ctx, id);
}
