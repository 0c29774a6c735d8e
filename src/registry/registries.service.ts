import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFoundError } from "../platform/errors.ts";
import { parseInput } from "../platform/validation.ts";
import { type Registry, registryPatternSchema } from "./registries.model.ts";
import {
  findRegistry,
  insertRegistry,
  listRegistries,
  toRegistry,
  updateRegistryPattern,
} from "./registries.store.ts";

export async function getRegistries(ctx: Ctx): Promise<Registry[]> {
  return (await listRegistries(ctx.db, ctx.config.tenantId)).map(toRegistry);
}

export async function getRegistry(ctx: Ctx, id: string): Promise<Registry> {
  const row = await findRegistry(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  return toRegistry(row);
}

/** Adds a registry (demo data, set-up). */
export async function createRegistry(ctx: Ctx, by: UserActor | "system", registry: Registry): Promise<void> {
  const now = ctx.clock.now();
  parseInput(registryPatternSchema, { numberPattern: registry.numberPattern });
  await ctx.db.transaction().execute(async (trx) => {
    await insertRegistry(trx, {
      id: registry.id,
      tenant_id: ctx.config.tenantId,
      prefix: registry.prefix,
      name: registry.name,
      unit_id: registry.unitId,
      number_pattern: registry.numberPattern,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "registry.create",
      subjectType: "registry",
      subjectId: registry.id,
      after: registry,
    });
  });
}

/** Changes the pattern new numbers are given in; numbers already given keep their form. */
export async function changeNumberPattern(
  ctx: Ctx,
  by: UserActor,
  id: string,
  input: unknown,
): Promise<Registry> {
  const before = await getRegistry(ctx, id);
  const { numberPattern } = parseInput(registryPatternSchema, input);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateRegistryPattern(trx, id, numberPattern, now.toISOString());
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "registry.change_pattern",
      subjectType: "registry",
      subjectId: id,
      before: { numberPattern: before.numberPattern },
      after: { numberPattern },
    });
  });
  return { ...before, numberPattern };
}
