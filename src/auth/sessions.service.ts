import { appendAudit } from "../platform/audit/audit.service.ts";
import { addMinutes } from "../platform/clock.ts";
import type { Ctx } from "../platform/context.ts";
import { isLocale, translator } from "../platform/i18n/index.ts";
import { digest, newSecret } from "../platform/ids.ts";
import { queueMail } from "../platform/mail/mail.service.ts";
import type { UserActor } from "./actor.ts";
import { auditBy } from "./audit-actor.ts";
import { decoyHash, verifyPassword } from "./password.ts";
import { isRole } from "./roles.ts";
import {
  activeSessions,
  findSessionWithUser,
  insertSession,
  revokeSessionRow,
  revokeUserSessions,
  touchSession,
} from "./sessions.store.ts";
import { findUserByUsername, type UserRow, updateUser } from "./users.store.ts";

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export type LoginResult =
  | { ok: true; token: string; user: UserRow }
  | { ok: false; reason: "invalid" | "locked" };

/** Only update last_seen_at this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function toActor(user: UserRow, via: UserActor["via"], sessionId: string | null): UserActor | null {
  if (!isRole(user.role) || user.disabled_at) return null;
  return {
    kind: "user",
    id: user.id,
    tenantId: user.tenant_id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    unitId: user.unit_id,
    locale: isLocale(user.locale) ? user.locale : null,
    via,
    sessionId,
  };
}

/**
 * Checks a username and password. Repeated failures lock the account for a while;
 * a locked account is not even checked, so guessing cannot go on during the lock.
 */
export async function login(
  ctx: Ctx,
  username: string,
  password: string,
  client: ClientInfo,
): Promise<LoginResult> {
  const { tenantId, loginMaxFailures, loginLockoutMinutes } = ctx.config;
  const now = ctx.clock.now();
  const user = await findUserByUsername(ctx.db, tenantId, username);
  if (!user || user.disabled_at) {
    await verifyPassword(await decoyHash(), password);
    await ctx.db.transaction().execute(async (trx) => {
      await appendAudit(trx, tenantId, now, {
        ...auditBy("system", client.ip),
        action: "auth.login_failed",
        subjectType: "user",
        subjectId: user?.id ?? null,
        after: { username: username.slice(0, 64), reason: user ? "disabled" : "unknown_user" },
      });
    });
    return { ok: false, reason: "invalid" };
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    await ctx.db.transaction().execute((trx) =>
      appendAudit(trx, tenantId, now, {
        ...auditBy("system", client.ip),
        action: "auth.login_refused_locked",
        subjectType: "user",
        subjectId: user.id,
        after: { username: user.username },
      }),
    );
    return { ok: false, reason: "locked" };
  }

  if (!(await verifyPassword(user.password_hash, password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= loginMaxFailures;
    await ctx.db.transaction().execute(async (trx) => {
      await updateUser(trx, user.id, {
        failed_logins: lock ? 0 : failures,
        locked_until: lock ? addMinutes(now, loginLockoutMinutes).toISOString() : user.locked_until,
      });
      if (lock && user.email) {
        const t = translator(isLocale(user.locale) ? user.locale : "sv");
        await queueMail(trx, tenantId, now, {
          to: user.email,
          subject: t("mail.locked.subject"),
          text: t("mail.locked.text", {
            username: user.username,
            minutes: loginLockoutMinutes,
            ip: client.ip ?? "?",
          }),
        });
      }
      await appendAudit(trx, tenantId, now, {
        ...auditBy("system", client.ip),
        action: lock ? "auth.locked" : "auth.login_failed",
        subjectType: "user",
        subjectId: user.id,
        after: { username: user.username, failures },
      });
    });
    return { ok: false, reason: lock ? "locked" : "invalid" };
  }

  const token = newSecret();
  const actor = toActor(user, "session", digest(token));
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { failed_logins: 0, locked_until: null });
    await insertSession(trx, {
      id: digest(token),
      tenant_id: tenantId,
      user_id: user.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: addMinutes(now, ctx.config.sessionAbsoluteHours * 60).toISOString(),
      revoked_at: null,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(trx, tenantId, now, {
      ...auditBy(actor ?? "system", client.ip),
      action: "auth.login",
      subjectType: "user",
      subjectId: user.id,
    });
  });
  return { ok: true, token, user };
}

/** The actor behind a session cookie, or null when the session is unknown, revoked or timed out. */
export async function resolveSession(ctx: Ctx, token: string): Promise<UserActor | null> {
  const id = digest(token);
  const found = await findSessionWithUser(ctx.db, id);
  if (!found || found.session_revoked_at || found.tenant_id !== ctx.config.tenantId) return null;
  const {
    session_last_seen_at: lastSeen,
    session_expires_at: expires,
    session_revoked_at: _,
    ...user
  } = found;
  const now = ctx.clock.now();
  if (expires <= now.toISOString()) return null;
  if (addMinutes(new Date(lastSeen), ctx.config.sessionIdleMinutes) <= now) return null;
  if (now.getTime() - new Date(lastSeen).getTime() > TOUCH_EVERY_MS) {
    await touchSession(ctx.db, id, now.toISOString());
  }
  return toActor(user, "session", id);
}

export async function logout(ctx: Ctx, actor: UserActor, client: ClientInfo): Promise<void> {
  if (!actor.sessionId) return;
  const sessionId = actor.sessionId;
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await revokeSessionRow(trx, sessionId, now.toISOString());
    await appendAudit(trx, actor.tenantId, now, {
      ...auditBy(actor, client.ip),
      action: "auth.logout",
      subjectType: "user",
      subjectId: actor.id,
    });
  });
}

/** Ends every session of a user: "log out everywhere", or an admin cutting access. */
export async function revokeAllSessions(
  ctx: Ctx,
  by: UserActor,
  userId: string,
  client: ClientInfo,
): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const result = await revokeUserSessions(trx, userId, now.toISOString());
    const count = Number(result.numUpdatedRows);
    await appendAudit(trx, by.tenantId, now, {
      ...auditBy(by, client.ip),
      action: by.id === userId ? "auth.logout_everywhere" : "auth.sessions_revoked",
      subjectType: "user",
      subjectId: userId,
      after: { revoked: count },
    });
    return count;
  });
}

export const listActiveSessions = (ctx: Ctx, userId: string) =>
  activeSessions(ctx.db, userId, ctx.clock.now().toISOString());
