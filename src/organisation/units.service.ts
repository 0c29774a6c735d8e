import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { compareText } from "../platform/i18n/index.ts";
import { newId } from "../platform/ids.ts";
import { fieldErrors } from "../platform/validation.ts";
import {
  descendants,
  NETWORK_UNIT_TYPES,
  type Unit,
  type UnitInput,
  unitInputSchema,
} from "./units.model.ts";
import { allUnits, findUnit, insertUnit, toUnit, type UnitRow, updateUnitRow } from "./units.store.ts";

export async function getUnit(ctx: Ctx, id: string): Promise<Unit> {
  const row = await findUnit(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  return toUnit(row);
}

export async function listAllUnits(ctx: Ctx): Promise<Unit[]> {
  return (await allUnits(ctx.db, ctx.config.tenantId)).map(toUnit);
}

/** The units of the international network (administrations and companies), by name. */
export async function networkUnits(ctx: Ctx): Promise<Unit[]> {
  return (await listAllUnits(ctx))
    .filter((u) => NETWORK_UNIT_TYPES.includes(u.type))
    .sort((a, b) => compareText("sv")(a.name, b.name));
}

/** Parses a unit form and checks its parent: exists, and is not the unit itself or below it. */
async function validUnitInput(ctx: Ctx, input: unknown, unitId: string | null): Promise<UnitInput> {
  const parsed = unitInputSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  // The parent is checked on the raw answer too, so its problem shows with all the others.
  const raw = (input ?? {}) as Record<string, unknown>;
  const parentId = typeof raw.parentId === "string" ? raw.parentId.trim() : "";
  if (parentId && !errors.some((e) => e.field === "parentId")) {
    const units = await allUnits(ctx.db, ctx.config.tenantId);
    if (!units.some((u) => u.id === parentId)) {
      errors.push({ field: "parentId", message: "unit.parent_unknown" });
    } else if (unitId) {
      const below = descendants(unitId, (id) => units.filter((u) => u.parent_id === id).map((u) => u.id));
      if (below.has(parentId)) errors.push({ field: "parentId", message: "unit.parent_cycle" });
    }
  }
  if (!parsed.success || errors.length > 0) throw new ValidationError(errors);
  return parsed.data;
}

const columns = (data: UnitInput) => ({
  name: data.name,
  short_name: data.shortName ?? null,
  type: data.type,
  parent_id: data.parentId ?? null,
  email: data.email ?? null,
  functional_mailbox: data.functionalMailbox ?? null,
  phone: data.phone ?? null,
  address: data.address ?? null,
  visiting_address: data.visitingAddress ?? null,
  web: data.web ?? null,
});

export async function createUnit(ctx: Ctx, by: UserActor | "system", input: unknown): Promise<Unit> {
  const data = await validUnitInput(ctx, input, null);
  const now = ctx.clock.now().toISOString();
  const row: UnitRow = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    ...columns(data),
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertUnit(trx, row);
    await appendAudit(trx, ctx.config.tenantId, ctx.clock.now(), {
      ...auditBy(by),
      action: "unit.create",
      subjectType: "unit",
      subjectId: row.id,
      after: toUnit(row),
    });
  });
  return toUnit(row);
}

export async function updateUnit(ctx: Ctx, by: UserActor, id: string, input: unknown): Promise<Unit> {
  const before = await findUnit(ctx.db, ctx.config.tenantId, id);
  if (!before) throw new NotFoundError();
  const data = await validUnitInput(ctx, input, id);
  const now = ctx.clock.now();
  const after: UnitRow = { ...before, ...columns(data), updated_at: now.toISOString() };
  await ctx.db.transaction().execute(async (trx) => {
    await updateUnitRow(trx, id, { ...columns(data), updated_at: after.updated_at });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "unit.update",
      subjectType: "unit",
      subjectId: id,
      before: toUnit(before),
      after: toUnit(after),
    });
  });
  return toUnit(after);
}

/** Adds units with given ids (demo data, imports): one transaction, one audit event each. */
export async function importUnits(
  ctx: Ctx,
  by: UserActor | "system",
  units: (UnitInput & { id: string })[],
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const { id, ...fields } of units) {
      const row: UnitRow = {
        id,
        tenant_id: ctx.config.tenantId,
        ...columns(unitInputSchema.parse(fields)),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await insertUnit(trx, row);
      await appendAudit(trx, ctx.config.tenantId, now, {
        ...auditBy(by),
        action: "unit.create",
        subjectType: "unit",
        subjectId: row.id,
        after: toUnit(row),
      });
    }
  });
}
