import { z } from "zod";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type FieldError, ValidationError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { blankToUndefined, fieldErrors, isOneOf } from "../platform/validation.ts";
import type { Actor } from "./actor.ts";
import { auditBy } from "./audit-actor.ts";
import { hashPassword, passwordProblems } from "./password.ts";
import { ROLES, UNIT_BOUND_ROLES } from "./roles.ts";
import { findUnitId, findUserByUsername, insertUser, type UserRow, updateUser } from "./users.store.ts";

export const newUserSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, { error: "user.username_format" }),
  displayName: z.string().trim().min(1).max(200),
  email: z.preprocess(blankToUndefined, z.email().max(254).optional()),
  role: z.enum(ROLES),
  unitId: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  password: z.string().min(1).max(1024),
});

/** Public fields of a user: what audit events and API answers may show. */
export const publicUser = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  email: u.email,
  role: u.role,
  unitId: u.unit_id,
  locale: u.locale,
});

/** Collects every problem with a new account at once, then creates it with its audit event. */
export async function createUser(
  ctx: Ctx,
  by: Actor | "system",
  input: Record<string, unknown>,
): Promise<UserRow> {
  const parsed = newUserSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error.issues);
  const username = typeof input.username === "string" ? input.username.trim() : "";
  if (typeof input.password === "string") {
    for (const problem of passwordProblems(input.password, username)) {
      errors.push({ field: "password", message: `password.${problem}` });
    }
  }
  // Checks that need the database run on the raw answers too, so every problem shows at once.
  const role = typeof input.role === "string" ? input.role : "";
  const unitId = typeof input.unitId === "string" ? input.unitId.trim() : "";
  if (isOneOf(UNIT_BOUND_ROLES, role) && !unitId) {
    errors.push({ field: "unitId", message: "user.unit_required" });
  }
  if (unitId) {
    const unit = await findUnitId(ctx.db, ctx.config.tenantId, unitId);
    if (!unit) errors.push({ field: "unitId", message: "user.unit_unknown" });
  }
  if (username && (await findUserByUsername(ctx.db, ctx.config.tenantId, username))) {
    errors.push({ field: "username", message: "user.username_taken" });
  }
  const unique = errors.filter((e, i) => errors.findIndex((o) => o.field === e.field) === i);
  if (!parsed.success || unique.length > 0) throw new ValidationError(unique);

  const data = parsed.data;
  const now = ctx.clock.now();
  const row: UserRow = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    username: data.username,
    display_name: data.displayName,
    email: data.email ?? null,
    role: data.role,
    unit_id: data.unitId ?? null,
    password_hash: await hashPassword(data.password),
    oidc_subject: null,
    locale: null,
    disabled_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertUser(trx, row);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "user.create",
      subjectType: "user",
      subjectId: row.id,
      after: publicUser(row),
    });
  });
  return row;
}

export async function setUserLocale(ctx: Ctx, user: UserRow, locale: "sv" | "en"): Promise<void> {
  if (user.locale === locale) return;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { locale, updated_at: now.toISOString() });
    await appendAudit(trx, user.tenant_id, now, {
      actorId: user.id,
      actorLabel: user.username,
      action: "user.set_locale",
      subjectType: "user",
      subjectId: user.id,
      before: { locale: user.locale },
      after: { locale },
    });
  });
}
