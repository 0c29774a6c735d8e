import type { Updateable } from "kysely";
import { z } from "zod";
import { appendAudit } from "../platform/audit/audit.service.ts";
import type { Ctx } from "../platform/context.ts";
import type { Db } from "../platform/db/database.ts";
import type { UserTable } from "../platform/db/schema.ts";
import { newId } from "../platform/ids.ts";
import type { IdTokenClaims } from "./oidc-client.ts";
import { accessFromMappings, type MappedAccess } from "./oidc-mappings.service.ts";
import { mappingsOf } from "./oidc-mappings.store.ts";
import { type ClientInfo, startSession } from "./sessions.service.ts";
import { revokeUserSessions } from "./sessions.store.ts";
import { publicUser } from "./users.service.ts";
import { findUserBySubject, insertUser, takenUsernames, type UserRow, updateUser } from "./users.store.ts";

const claimList = z.array(z.string()).optional().catch(undefined);
const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);

/** The ID token claims kansli reads; anything malformed but `sub` is left out rather than refused. */
const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  oid: text(255),
  name: text(200),
  given_name: text(100),
  family_name: text(100),
  preferred_username: text(254),
  email: z.email().max(254).optional().catch(undefined),
  groups: claimList,
  roles: claimList,
  amr: claimList,
  acr: text(200),
});
type Claims = z.infer<typeof claimsSchema>;

export type OidcSignInResult =
  | { ok: true; token: string; user: UserRow }
  /** None of the person's groups is mapped: no account, or their account is disabled. */
  | { ok: false; reason: "no_access" }
  /** The ID token has no usable subject. */
  | { ok: false; reason: "invalid_claims" };

/**
 * Signs in a person the provider vouches for. They are known by the provider's stable subject
 * (Entra's `oid` where sent, else `sub`), never by e-mail or name. Their role and unit come from the
 * admins' mapping of their group and app-role values: without a mapped value they get no account,
 * and an existing one is disabled and its sessions ended. Name, e-mail, role and unit follow the
 * provider at every sign-in; the account is created at the first.
 */
export async function signInWithOidc(
  ctx: Ctx,
  rawClaims: IdTokenClaims,
  client: ClientInfo,
): Promise<OidcSignInResult> {
  const parsed = claimsSchema.safeParse(rawClaims);
  if (!parsed.success) {
    await recordOidcFailure(ctx, client, "invalid_claims");
    return { ok: false, reason: "invalid_claims" };
  }
  const claims = parsed.data;
  const { tenantId } = ctx.config;
  const subject = claims.oid ?? claims.sub;
  const values = [...new Set([...(claims.groups ?? []), ...(claims.roles ?? [])])];
  const access = accessFromMappings(await mappingsOf(ctx.db, tenantId, values));
  const existing = await findUserBySubject(ctx.db, tenantId, subject);
  const username = existing ? existing.username : await freeUsername(ctx.db, tenantId, claims, subject);
  const now = ctx.clock.now();

  return ctx.db.transaction().execute(async (trx) => {
    if (!access) {
      if (existing && !existing.disabled_at) await disable(trx, ctx, existing, now, client);
      await appendAudit(trx, tenantId, now, {
        actorId: null,
        actorLabel: "system",
        ip: client.ip,
        action: "auth.login_refused",
        subjectType: "user",
        subjectId: existing?.id ?? null,
        after: { subject, reason: "no_mapped_group", values: values.slice(0, 50) },
      });
      return { ok: false, reason: "no_access" } as const;
    }
    const user = existing
      ? await follow(trx, existing, claims, access, now, client)
      : await create(trx, ctx, { username, subject, claims, access, now, client });
    const proof = { method: "oidc" as const, amr: claims.amr ?? null, acr: claims.acr ?? null };
    const token = await startSession(trx, ctx, user, client, proof);
    return { ok: true, token, user };
  });
}

const displayName = (c: Claims) =>
  c.name ?? ([c.given_name, c.family_name].filter(Boolean).join(" ") || c.preferred_username || c.sub);

/** What the account should hold, by the provider's claims and the mapping. */
const fromProvider = (c: Claims, access: MappedAccess) => ({
  display_name: displayName(c),
  email: c.email ?? null,
  role: access.role,
  unit_id: access.unitId,
});

async function create(
  trx: Db,
  ctx: Ctx,
  p: {
    username: string;
    subject: string;
    claims: Claims;
    access: MappedAccess;
    now: Date;
    client: ClientInfo;
  },
): Promise<UserRow> {
  const row: UserRow = {
    id: newId(),
    tenant_id: ctx.config.tenantId,
    username: p.username,
    ...fromProvider(p.claims, p.access),
    password_hash: null,
    oidc_subject: p.subject,
    locale: null,
    disabled_at: null,
    created_at: p.now.toISOString(),
    updated_at: p.now.toISOString(),
  };
  await insertUser(trx, row);
  await appendAudit(trx, row.tenant_id, p.now, {
    actorId: null,
    actorLabel: "system",
    ip: p.client.ip,
    action: "user.create",
    subjectType: "user",
    subjectId: row.id,
    after: { ...publicUser(row), via: "oidc", claimValue: p.access.claimValue },
  });
  return row;
}

/** Brings the account in line with the provider: name, e-mail, role, unit; enabled again if it was disabled. */
async function follow(
  trx: Db,
  user: UserRow,
  claims: Claims,
  access: MappedAccess,
  now: Date,
  client: ClientInfo,
): Promise<UserRow> {
  const wanted = { ...fromProvider(claims, access), disabled_at: null };
  const changes: Updateable<UserTable> = Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => user[key as keyof typeof wanted] !== value),
  );
  if (Object.keys(changes).length === 0) return user;
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, user[k as keyof typeof wanted]]));
  await updateUser(trx, user.id, { ...changes, updated_at: now.toISOString() });
  await appendAudit(trx, user.tenant_id, now, {
    actorId: null,
    actorLabel: "system",
    ip: client.ip,
    action: "user.update_from_provider",
    subjectType: "user",
    subjectId: user.id,
    before,
    after: changes,
  });
  return { ...user, ...wanted, updated_at: now.toISOString() };
}

async function disable(trx: Db, ctx: Ctx, user: UserRow, now: Date, client: ClientInfo) {
  const at = now.toISOString();
  await updateUser(trx, user.id, { disabled_at: at, updated_at: at });
  const ended = await revokeUserSessions(trx, user.id, at);
  await appendAudit(trx, ctx.config.tenantId, now, {
    actorId: null,
    actorLabel: "system",
    ip: client.ip,
    action: "user.disabled_by_provider",
    subjectType: "user",
    subjectId: user.id,
    after: { disabledAt: at, sessionsEnded: Number(ended.numUpdatedRows) },
  });
}

/**
 * A username for a new account, from the preferred username or the e-mail's local part, folded to
 * kansli's username characters; a number is added when it is taken. It only names the account:
 * nobody signs in with it.
 */
async function freeUsername(db: Db, tenantId: string, claims: Claims, subject: string): Promise<string> {
  const source = claims.preferred_username ?? claims.email ?? `sso-${subject}`;
  const base =
    source
      .split("@")[0]
      ?.normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, ".")
      .replace(/^[^a-z0-9]+/, "")
      .slice(0, 56) || "sso";
  const candidates = [base, ...Array.from({ length: 20 }, (_, i) => `${base}-${i + 2}`)];
  const taken = await takenUsernames(db, tenantId, candidates);
  return candidates.find((c) => !taken.has(c)) ?? `${base}-${newId().slice(-6)}`;
}

/** A sign-in through the provider that failed its checks (state, nonce, PKCE, signature) or was an error. */
export async function recordOidcFailure(ctx: Ctx, client: ClientInfo, reason: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute((trx) =>
    appendAudit(trx, ctx.config.tenantId, now, {
      actorId: null,
      actorLabel: "system",
      ip: client.ip,
      action: "auth.login_failed",
      subjectType: "user",
      subjectId: null,
      after: { method: "oidc", reason: reason.slice(0, 100) },
    }),
  );
}
