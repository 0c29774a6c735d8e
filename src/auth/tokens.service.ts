import { z } from "zod";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import { NotFoundError } from "../platform/errors.ts";
import { digest, newId, newSecret } from "../platform/ids.ts";
import { parseInput } from "../platform/validation.ts";
import type { Actor, UserActor } from "./actor.ts";
import { auditBy } from "./audit-actor.ts";
import { can } from "./policy.ts";
import { toActor } from "./sessions.service.ts";
import {
  findTokenByHash,
  findTokenById,
  insertToken,
  markTokenUsed,
  revokeTokenRow,
} from "./tokens.store.ts";
import { findUserById, type UserRow } from "./users.store.ts";

const TOKEN_PREFIX = "kansli_";
const TOUCH_EVERY_MS = 60_000;

export const tokenNameSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });

/** Creates a personal API token. The token is returned once; only its digest is kept. */
export async function createToken(
  ctx: Ctx,
  by: Actor | "system",
  user: UserRow,
  input: unknown,
): Promise<{ id: string; token: string }> {
  const { name } = parseInput(tokenNameSchema, input);
  const token = TOKEN_PREFIX + newSecret();
  const now = ctx.clock.now();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertToken(trx, {
      id,
      tenant_id: user.tenant_id,
      user_id: user.id,
      name,
      token_hash: digest(token),
      created_at: now.toISOString(),
      last_used_at: null,
      revoked_at: null,
    });
    await appendAudit(trx, user.tenant_id, now, {
      ...auditBy(by),
      action: "token.create",
      subjectType: "api_token",
      subjectId: id,
      after: { userId: user.id, name },
    });
  });
  return { id, token };
}

/** The actor behind `Authorization: Bearer …`, or null for an unknown or revoked token. */
export async function resolveToken(ctx: Ctx, token: string): Promise<UserActor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await findTokenByHash(ctx.db, digest(token));
  if (!row || row.revoked_at || row.tenant_id !== ctx.config.tenantId) return null;
  const user = await findUserById(ctx.db, row.tenant_id, row.user_id);
  if (!user) return null;
  const now = ctx.clock.now();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS) {
    await markTokenUsed(ctx.db, row.id, now.toISOString());
  }
  return toActor(user, "token", null);
}

export async function revokeToken(ctx: Ctx, by: UserActor, tokenId: string): Promise<void> {
  const row = await findTokenById(ctx.db, tokenId);
  if (!row || row.tenant_id !== by.tenantId || !can(by, "token.revoke", { userId: row.user_id })) {
    throw new NotFoundError();
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await revokeTokenRow(trx, row.id, now.toISOString());
    await appendAudit(trx, by.tenantId, now, {
      ...auditBy(by),
      action: "token.revoke",
      subjectType: "api_token",
      subjectId: row.id,
      after: { userId: row.user_id, name: row.name },
    });
  });
}
