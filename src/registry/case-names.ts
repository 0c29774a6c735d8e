import { findUserById } from "../auth/index.ts";
import { findUnit } from "../organisation/index.ts";
import type { Ctx } from "../platform/context.ts";
import type { Case } from "./cases.model.ts";
import { findClass } from "./classification.store.ts";
import { findRegistry } from "./registries.store.ts";

export interface CaseNames {
  registry: string;
  className: string;
  unit: string;
  officer: string | null;
}

/** The names a case page shows for the ids a case holds: one lookup by key each, not whole lists. */
export async function caseNames(ctx: Ctx, c: Case): Promise<CaseNames> {
  const tenantId = ctx.config.tenantId;
  const [registry, cls, unit, officer] = await Promise.all([
    findRegistry(ctx.db, tenantId, c.registryId),
    findClass(ctx.db, c.classId),
    findUnit(ctx.db, tenantId, c.unitId),
    c.officerId ? findUserById(ctx.db, tenantId, c.officerId) : undefined,
  ]);
  return {
    registry: registry?.name ?? c.registryId,
    className: cls ? `${cls.code} ${cls.title}` : c.classId,
    unit: unit?.name ?? c.unitId,
    officer: officer?.display_name ?? null,
  };
}
