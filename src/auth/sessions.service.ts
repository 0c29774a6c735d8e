import { appendAudit } from "../platform/audit/audit.service.ts";
import { addMinutes } from "../platform/clock.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import { isLocale, translator } from "../platform/i18n/index.ts";
import { digest, newSecret } from "../platform/ids.ts";
import { queueMail } from "../platform/mail/mail.service.ts";
import { mailedSince } from "../platform/mail/mail.store.ts";
import type { UserActor } from "./actor.ts";
import { auditBy } from "./audit-actor.ts";
import { attemptFailed, attemptSucceeded, claimAttempt } from "./login-throttle.ts";
import { decoyHash, verifyPassword } from "./password.ts";
import { isRole } from "./roles.ts";
import {
  activeSessions,
  findSessionWithUser,
  insertSession,
  revokeSessionRow,
  revokeUserSessions,
  sessionMethod,
  touchSession,
} from "./sessions.store.ts";
import { findUserByUsername, type UserRow } from "./users.store.ts";

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export type LoginResult =
  | { ok: true; token: string; user: UserRow }
  | { ok: false; reason: "invalid" }
  /** Too many failures for this account from this address, or from this address: wait this long. */
  | { ok: false; reason: "throttled"; waitMs: number };

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
 * Checks a username and password, throttled by (username, client address) and by client address
 * (`login-throttle.ts`). Unknown, disabled and known usernames take the same path: the same
 * throttle, an argon2 verification (of a decoy hash when there is no account) and the same answer.
 */
export async function login(
  ctx: Ctx,
  username: string,
  password: string,
  client: ClientInfo,
): Promise<LoginResult> {
  const { tenantId } = ctx.config;
  const now = ctx.clock.now();
  const claim = await claimAttempt(ctx.db, ctx.config, username, client.ip ?? "unknown", now);
  if (!claim.ok) return { ok: false, reason: "throttled", waitMs: claim.waitMs };

  const found = await findUserByUsername(ctx.db, tenantId, username);
  const refusal = found ? passwordRefusal(ctx, found) : "unknown_user";
  const user = found && !refusal ? found : null;
  const matches = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
  if (!user || !matches) {
    const outcome = await attemptFailed(ctx.db, claim, now);
    await ctx.db.transaction().execute(async (trx) => {
      const by = auditBy("system", client.ip);
      const subject = { subjectType: "user", subjectId: found?.id ?? null };
      const reason = refusal ?? "wrong_password";
      await appendAudit(trx, tenantId, now, {
        ...by,
        ...subject,
        action: "auth.login_failed",
        after: { username: username.slice(0, 64), reason, failures: claim.account.after.failures },
      });
      if (outcome.accountThrottled || outcome.addressThrottled) {
        await appendAudit(trx, tenantId, now, {
          ...by,
          ...subject,
          action: "auth.throttled",
          after: {
            username: username.slice(0, 64),
            scope: outcome.accountThrottled ? "account" : "address",
            waitSeconds: Math.ceil(outcome.waitMs / 1000),
          },
        });
      }
      if (outcome.accountThrottled && user) await mailThrottled(trx, tenantId, now, user, client);
    });
    return outcome.waitMs > 0
      ? { ok: false, reason: "throttled", waitMs: outcome.waitMs }
      : { ok: false, reason: "invalid" };
  }

  await attemptSucceeded(ctx.db, claim);
  const token = await ctx.db
    .transaction()
    .execute((trx) => startSession(trx, ctx, user, client, { method: "password", amr: null, acr: null }));
  return { ok: true, token, user };
}

/** How a session was proved: by a password, or by the provider with its methods (amr) and level (acr). */
export interface SignInProof {
  method: "password" | "oidc";
  amr: string[] | null;
  acr: string | null;
}

/** Starts a session for a user inside the sign-in's transaction, with its audit event; returns the cookie's secret. */
export async function startSession(
  trx: Db,
  ctx: Ctx,
  user: UserRow,
  client: ClientInfo,
  proof: SignInProof,
): Promise<string> {
  const now = ctx.clock.now();
  const token = newSecret();
  const actor = toActor(user, "session", digest(token));
  await insertSession(trx, {
    id: digest(token),
    tenant_id: user.tenant_id,
    user_id: user.id,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: addMinutes(now, ctx.config.sessionAbsoluteHours * 60).toISOString(),
    revoked_at: null,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 300) ?? null,
    method: proof.method,
    amr: proof.amr ? proof.amr.join(" ") : null,
    acr: proof.acr,
  });
  await appendAudit(trx, user.tenant_id, now, {
    ...auditBy(actor ?? "system", client.ip),
    action: "auth.login",
    subjectType: "user",
    subjectId: user.id,
    ...(proof.method === "oidc" ? { after: { method: proof.method, amr: proof.amr, acr: proof.acr } } : {}),
  });
  return token;
}

/**
 * Why an account may not sign in with a password at all: disabled, signing in through the provider
 * (no password), or password sign-in kept for the break-glass account alone (`KANSLI_BREAK_GLASS_USER`).
 */
function passwordRefusal(ctx: Ctx, user: UserRow): string | null {
  if (user.disabled_at) return "disabled";
  if (!user.password_hash) return "no_password";
  if (ctx.config.breakGlassUser && user.username !== ctx.config.breakGlassUser) return "password_login_off";
  return null;
}

/**
 * Tells the account's owner that sign-in from an address is being slowed down, at most once an
 * hour, so that failures from many addresses cannot flood their mailbox.
 */
async function mailThrottled(trx: Db, tenantId: string, now: Date, user: UserRow, client: ClientInfo) {
  if (!user.email) return;
  const t = translator(isLocale(user.locale) ? user.locale : "sv");
  const subject = t("mail.throttled.subject");
  if (await mailedSince(trx, tenantId, user.email, subject, addMinutes(now, -60).toISOString())) return;
  await queueMail(trx, tenantId, now, {
    to: user.email,
    subject,
    text: t("mail.throttled.text", { username: user.username, ip: client.ip ?? "?" }),
  });
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

/** Ends the actor's session; says how it was signed in, so the provider's session can be ended too. */
export async function logout(
  ctx: Ctx,
  actor: UserActor,
  client: ClientInfo,
): Promise<"password" | "oidc" | null> {
  if (!actor.sessionId) return null;
  const sessionId = actor.sessionId;
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const method = await sessionMethod(trx, sessionId);
    await revokeSessionRow(trx, sessionId, now.toISOString());
    await appendAudit(trx, actor.tenantId, now, {
      ...auditBy(actor, client.ip),
      action: "auth.logout",
      subjectType: "user",
      subjectId: actor.id,
    });
    return method;
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
