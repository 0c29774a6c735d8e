import type { Ctx } from "../platform/context.ts";
import { NotFoundError } from "../platform/errors.ts";
import { findCaseWithNames } from "./case-names.store.ts";
import type { Case } from "./cases.model.ts";
import { toCase } from "./cases.store.ts";
import type { ClassVersion } from "./classification.model.ts";
import { toClassVersion } from "./classification.store.ts";

export interface CaseNames {
  registry: string;
  className: string;
  /** The version of the class the case was filed under, with its retention rule (issue 17). */
  classVersion: ClassVersion | null;
  unit: string;
  officer: string | null;
}

/** A case and the names its page shows for the ids it holds, read together (case-names.store.ts). */
export async function caseWithNames(ctx: Ctx, id: string): Promise<{ c: Case; names: CaseNames }> {
  const row = await findCaseWithNames(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  const c = toCase(row);
  const classVersion =
    row.names_version_id === null
      ? null
      : toClassVersion({
          id: row.names_version_id,
          class_id: row.names_version_class_id as string,
          version: row.names_version as number,
          title: row.names_version_title as string,
          description: row.names_version_description,
          retention: row.names_version_retention,
          retention_years: row.names_version_retention_years,
          decision_id: row.names_version_decision_id,
          decision_reference: row.names_version_decision_reference,
          created_at: row.names_version_created_at as string,
          superseded_at: row.names_version_superseded_at,
        });
  const names: CaseNames = {
    registry: row.names_registry ?? c.registryId,
    // The name the class had when the case was filed, not what it may be called since.
    className:
      row.names_class_code === null
        ? c.classId
        : `${row.names_class_code} ${classVersion?.title ?? row.names_class_title}`,
    classVersion,
    unit: row.names_unit ?? c.unitId,
    officer: c.officerId ? (row.names_officer ?? null) : null,
  };
  return { c, names };
}
