import { auditBy, can, type UserActor } from "../auth/index.ts";
import { networkUnits } from "../organisation/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type FieldError, ForbiddenError, ValidationError } from "../platform/errors.ts";
import { compareText } from "../platform/i18n/index.ts";
import { newId } from "../platform/ids.ts";
import { fieldErrors } from "../platform/validation.ts";
import { type Plan, planSchema } from "./plans.model.ts";
import { findPlan, insertPlan, listPlanRows, updatePlan } from "./plans.store.ts";

/** Every unit's plan and follow-up for a year, by unit name. */
export async function plansOfYear(ctx: Ctx, year: number): Promise<Plan[]> {
  const rows = await listPlanRows(ctx.db, ctx.config.tenantId, year);
  return rows
    .map((r) => ({
      unitId: r.unit_id,
      unitName: r.unit_name,
      year: Number(r.year),
      plannedWork: r.planned_work,
      budget: Number(r.budget),
      outcome: r.outcome,
      cost: r.cost === null ? null : Number(r.cost),
    }))
    .sort((a, b) => compareText("sv")(a.unitName, b.unitName));
}

/**
 * Saves a unit's plan for a year, with its follow-up when given (one plan per unit and year).
 * A contact person keeps the plan of their own unit only (`engagement_plan.manage`).
 */
export async function savePlan(
  ctx: Ctx,
  by: UserActor | "system",
  year: number,
  input: unknown,
): Promise<Plan> {
  const parsed = planSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const unitId = (input as Record<string, unknown> | null)?.unitId;
  const unit = (await networkUnits(ctx)).find((u) => u.id === unitId);
  if (unitId && !unit) errors.push({ field: "unitId", message: "network.unit_not_in_network" });
  // Another unit's plan is a refused write (403), not a form error: nothing is checked further.
  if (unit && by !== "system" && !can(by, "engagement_plan.manage", { unitId: unit.id }))
    throw new ForbiddenError();
  if (!parsed.success || !unit || errors.length > 0) throw new ValidationError(errors);
  const d = parsed.data;
  const now = ctx.clock.now().toISOString();
  const values = {
    planned_work: d.plannedWork,
    budget: d.budget,
    outcome: d.outcome ?? null,
    cost: d.cost ?? null,
    updated_by: by === "system" ? null : by.id,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const before = await findPlan(trx, ctx.config.tenantId, unit.id, year);
    if (before) await updatePlan(trx, before.id, values);
    else
      await insertPlan(trx, {
        id: newId(),
        tenant_id: ctx.config.tenantId,
        unit_id: unit.id,
        year,
        created_at: now,
        ...values,
      });
    await appendAudit(trx, ctx.config.tenantId, new Date(now), {
      ...auditBy(by),
      action: "engagement_plan.save",
      subjectType: "unit",
      subjectId: unit.id,
      before: before ? { year, budget: Number(before.budget), cost: before.cost } : null,
      after: { year, budget: d.budget, cost: d.cost ?? null },
    });
  });
  return {
    unitId: unit.id,
    unitName: unit.name,
    year,
    plannedWork: d.plannedWork,
    budget: d.budget,
    outcome: d.outcome ?? null,
    cost: d.cost ?? null,
  };
}
