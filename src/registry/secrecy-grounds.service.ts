import { auditBy, type UserActor } from "../auth/index.ts";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { type FieldError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { newId } from "../platform/ids.ts";
import { parseInput } from "../platform/validation.ts";
import {
  citationOf,
  groundNamed,
  inLawOrder,
  provisionInputSchema,
  type SecrecyGround,
} from "./secrecy-grounds.model.ts";
import {
  findSecrecyGround,
  groundUse,
  insertSecrecyGround,
  listSecrecyGrounds,
  setGroundRetired,
  toSecrecyGround,
} from "./secrecy-grounds.store.ts";

/** The tenant's secrecy grounds in the order of the law, retired ones included. */
export async function getSecrecyGrounds(ctx: Ctx): Promise<SecrecyGround[]> {
  return inLawOrder((await listSecrecyGrounds(ctx.db, ctx.config.tenantId)).map(toSecrecyGround));
}

/**
 * The ground a document's `secrecyProvision` names (R2, issue 14): one on the list and in use,
 * by id, citation or label. Free text is refused with an error on the field, added to `errors`
 * so the form reports it with every other problem at once.
 */
export async function chosenSecrecyGround(
  ctx: Ctx,
  input: unknown,
  errors: FieldError[],
): Promise<SecrecyGround | null> {
  const value =
    typeof input === "object" && input !== null
      ? (input as Record<string, unknown>).secrecyProvision
      : undefined;
  if (typeof value !== "string" || value.trim() === "") return null;
  if (errors.some((e) => e.field === "secrecyProvision")) return null;
  const ground = groundNamed(value, await getSecrecyGrounds(ctx));
  if (!ground) errors.push({ field: "secrecyProvision", message: "document.secrecy_ground_unknown" });
  return ground;
}

/** How many documents cite each ground, by id. */
export const getGroundUse = (ctx: Ctx) => groundUse(ctx.db, ctx.config.tenantId);

/** An admin adds a provision to the list; one already on it (by its citation, retired or not) is refused. */
export async function addSecrecyGround(ctx: Ctx, by: UserActor, input: unknown): Promise<SecrecyGround> {
  const d = parseInput(provisionInputSchema, input);
  const now = ctx.clock.now();
  const row = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    chapter: d.chapter,
    section: d.section,
    paragraph: d.paragraph ?? null,
    citation: citationOf({ chapter: d.chapter, section: d.section, paragraph: d.paragraph ?? null }),
    name: d.name,
    retired_at: null,
    created_by: by.id,
    created_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    // The unique citation decides, also between two admins adding the same provision at once.
    if (!(await insertSecrecyGround(trx, row)))
      throw new ValidationError([
        { field: "section", message: "secrecy_ground.duplicate", params: { citation: row.citation } },
      ]);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "secrecy_ground.add",
      subjectType: "secrecy_ground",
      subjectId: row.id,
      after: { citation: row.citation, name: row.name },
    });
  });
  return toSecrecyGround(row);
}

/**
 * Retires a ground (it is no longer offered for new markings) or puts a retired one back in use.
 * Grounds are never deleted: documents marked with one keep pointing to it.
 */
export async function setSecrecyGroundInUse(
  ctx: Ctx,
  by: UserActor,
  id: string,
  inUse: boolean,
): Promise<SecrecyGround> {
  const row = await findSecrecyGround(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  const now = ctx.clock.now();
  const retiredAt = inUse ? null : (row.retired_at ?? now.toISOString());
  await ctx.db.transaction().execute(async (trx) => {
    await setGroundRetired(trx, id, retiredAt);
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: inUse ? "secrecy_ground.reinstate" : "secrecy_ground.retire",
      subjectType: "secrecy_ground",
      subjectId: id,
      before: { retiredAt: row.retired_at },
      after: { retiredAt },
    });
  });
  return toSecrecyGround({ ...row, retired_at: retiredAt });
}
