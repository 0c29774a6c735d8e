import { findUserById } from "../auth/index.ts";
import { findUnit } from "../organisation/index.ts";
import type { Ctx } from "../platform/context.ts";
import type { Case } from "./cases.model.ts";
import type { ClassVersion } from "./classification.model.ts";
import { findClass, findClassVersion } from "./classification.store.ts";
import { findRegistry } from "./registries.store.ts";

export interface CaseNames {
  registry: string;
  className: string;
  /** The version of the class the case was filed under, with its retention rule (issue 17). */
  classVersion: ClassVersion | null;
  unit: string;
  officer: string | null;
}

/** The names a case page shows for the ids a case holds: one lookup by key each, not whole lists. */
export async function caseNames(ctx: Ctx, c: Case): Promise<CaseNames> {
  const tenantId = ctx.config.tenantId;
  const [registry, cls, version, unit, officer] = await Promise.all([
    findRegistry(ctx.db, tenantId, c.registryId),
    findClass(ctx.db, c.classId),
    c.classVersionId ? findClassVersion(ctx.db, c.classVersionId) : undefined,
    findUnit(ctx.db, tenantId, c.unitId),
    c.officerId ? findUserById(ctx.db, tenantId, c.officerId) : undefined,
  ]);
  return {
    registry: registry?.name ?? c.registryId,
    // The name the class had when the case was filed, not what it may be called since.
    className: cls ? `${cls.code} ${version?.title ?? cls.title}` : c.classId,
    classVersion: version ?? null,
    unit: unit?.name ?? c.unitId,
    officer: officer?.display_name ?? null,
  };
}
