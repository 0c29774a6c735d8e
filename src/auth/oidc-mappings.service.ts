import { z } from "zod";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { blankToUndefined, dedupe, fieldErrors, isOneOf } from "../platform/validation.ts";
import type { UserActor } from "./actor.ts";
import { auditBy } from "./audit-actor.ts";
import {
  deleteMapping,
  findMapping,
  insertMapping,
  listMappings,
  type OidcRoleMapping,
} from "./oidc-mappings.store.ts";
import { ROLES, type Role, UNIT_BOUND_ROLES } from "./roles.ts";
import { findUnitId } from "./users.store.ts";

const mappingSchema = z.strictObject({
  claimValue: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  unitId: z.preprocess(blankToUndefined, z.string().max(100).optional()),
});

/** A role and unit that the provider's groups give a person. */
export interface MappedAccess {
  role: Role;
  unitId: string | null;
  /** The claim value that gave it. */
  claimValue: string;
}

/**
 * What a person's group and app-role values give them: of the mappings that name one of their
 * values, the first by role in the order of ROLES (admin first), then by claim value; none, no access.
 */
export function accessFromMappings(mappings: readonly OidcRoleMapping[]): MappedAccess | null {
  const [first] = [...mappings].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.claim_value.localeCompare(b.claim_value),
  );
  return first ? { role: first.role, unitId: first.unit_id, claimValue: first.claim_value } : null;
}

export const listRoleMappings = (ctx: Ctx) => listMappings(ctx.db, ctx.config.tenantId);

/** Checks every answer at once, then saves the mapping with its audit event. */
export async function addRoleMapping(
  ctx: Ctx,
  by: UserActor,
  input: Record<string, string>,
): Promise<OidcRoleMapping> {
  const { tenantId } = ctx.config;
  const parsed = mappingSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const unitId = input.unitId?.trim() ?? "";
  if (isOneOf(UNIT_BOUND_ROLES, input.role) && !unitId)
    errors.push({ field: "unitId", message: "user.unit_required" });
  if (unitId && !(await findUnitId(ctx.db, tenantId, unitId)))
    errors.push({ field: "unitId", message: "user.unit_unknown" });
  const claimValue = input.claimValue?.trim() ?? "";
  const existing = await listMappings(ctx.db, tenantId);
  if (existing.some((m) => m.claim_value === claimValue))
    errors.push({ field: "claimValue", message: "oidc.mapping_taken" });
  if (!parsed.success || errors.length > 0) throw new ValidationError(dedupe(errors));

  const now = ctx.clock.now();
  const row: OidcRoleMapping = {
    id: newId(),
    tenant_id: tenantId,
    claim_value: parsed.data.claimValue,
    role: parsed.data.role,
    unit_id: parsed.data.unitId ?? null,
    created_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertMapping(trx, row);
    await appendAudit(trx, tenantId, now, {
      ...auditBy(by),
      action: "oidc.mapping_add",
      subjectType: "oidc_role_mapping",
      subjectId: row.id,
      after: { claimValue: row.claim_value, role: row.role, unitId: row.unit_id },
    });
  });
  return row;
}

export async function removeRoleMapping(ctx: Ctx, by: UserActor, id: string): Promise<void> {
  const { tenantId } = ctx.config;
  const mapping = await findMapping(ctx.db, tenantId, id);
  if (!mapping) throw new NotFoundError();
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await deleteMapping(trx, tenantId, id);
    await appendAudit(trx, tenantId, now, {
      ...auditBy(by),
      action: "oidc.mapping_remove",
      subjectType: "oidc_role_mapping",
      subjectId: id,
      before: { claimValue: mapping.claim_value, role: mapping.role, unitId: mapping.unit_id },
    });
  });
}
