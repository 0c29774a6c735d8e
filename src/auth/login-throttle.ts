import type { Config } from "../config.ts";
import type { Db } from "../platform/db/database.ts";
import {
  deleteFailures,
  type FailureKey,
  findFailures,
  forgetFailuresBefore,
  insertFirstFailure,
  type LoginFailureRow,
  replaceFailures,
} from "./login-throttle.store.ts";

/**
 * Sign-in throttling instead of account lockout: failures are counted per (username as typed,
 * client address) and per client address, in the database so every process sees the same counts.
 * A wrong password from one address never stops the right password from another; unknown and
 * known usernames are counted and answered alike.
 */
export interface ThrottleRule {
  /** Failures before each further attempt must wait. */
  freeFailures: number;
  /** One remembered failure is forgiven per this many quiet minutes, so normal typos fade away. */
  forgiveEveryMinutes: number;
  maxDelayMinutes: number;
}

export type Scope = LoginFailureRow["scope"];

const FIRST_DELAY_MS = 60_000;
/** A row without a failure for a day is deleted. */
const FORGET_AFTER_MS = 24 * 3600_000;

export const throttleRules = (config: Config): Record<Scope, ThrottleRule> => ({
  account: {
    freeFailures: config.loginMaxFailures,
    forgiveEveryMinutes: 60,
    maxDelayMinutes: config.loginMaxDelayMinutes,
  },
  // Many usernames from one address is credential stuffing; a shared office address still
  // gets 30 free failures, and one more every 2 minutes.
  address: {
    freeFailures: config.loginMaxFailuresPerAddress,
    forgiveEveryMinutes: 2,
    maxDelayMinutes: config.loginMaxDelayMinutes,
  },
});

/** The wait after the n-th failure: none until the free ones are used, then 1 minute doubling per failure, capped. */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 20);
  return Math.min(FIRST_DELAY_MS * 2 ** doublings, rule.maxDelayMinutes * 60_000);
}

/** Failures still remembered at `now`. */
export function remembered(row: Counted, now: Date, rule: ThrottleRule): number {
  const quiet = now.getTime() - Date.parse(row.last_failed_at);
  return Math.max(0, row.failures - Math.floor(quiet / (rule.forgiveEveryMinutes * 60_000)));
}

type Counted = Pick<LoginFailureRow, "failures" | "last_failed_at">;

/** One attempt counted, in advance, against a key: what the row was and what it is now. */
interface Taken {
  key: FailureKey;
  rule: ThrottleRule;
  before: Counted | null;
  after: Counted;
}

export type Claim = { ok: true; account: Taken; address: Taken } | { ok: false; waitMs: number };

/**
 * Counts the attempt as a failure before the password is checked, atomically with the check
 * that no wait is running: parallel attempts cannot all slip through while the first is being
 * verified. A right password then takes the count back (`attemptSucceeded`).
 */
async function take(
  db: Db,
  key: FailureKey,
  rule: ThrottleRule,
  now: Date,
): Promise<Taken | { waitMs: number }> {
  const at = now.toISOString();
  for (let round = 0; round < 5; round++) {
    const row = await findFailures(db, key);
    if (!row) {
      const after = { failures: 1, last_failed_at: at };
      if (await insertFirstFailure(db, key, at)) return { key, rule, before: null, after };
      continue;
    }
    const waitMs = Date.parse(row.last_failed_at) + delayAfter(row.failures, rule) - now.getTime();
    if (waitMs > 0) return { waitMs };
    const before = { failures: row.failures, last_failed_at: row.last_failed_at };
    const after = { failures: remembered(row, now, rule) + 1, last_failed_at: at };
    if (await replaceFailures(db, key, before, after)) return { key, rule, before, after };
  }
  // Others keep winning the row: ask this client to come back in a moment.
  return { waitMs: 1000 };
}

/** Gives a counted attempt back, unless others have counted theirs on top of it meanwhile. */
async function giveBack(db: Db, taken: Taken): Promise<void> {
  if (taken.before) await replaceFailures(db, taken.key, taken.after, taken.before);
  else await deleteFailures(db, taken.key, taken.after);
}

export async function claimAttempt(
  db: Db,
  config: Config,
  username: string,
  address: string,
  now: Date,
): Promise<Claim> {
  const rules = throttleRules(config);
  const key = (scope: Scope, name: string): FailureKey => ({
    tenant_id: config.tenantId,
    scope,
    username: name,
    address,
  });
  const account = await take(db, key("account", username), rules.account, now);
  if ("waitMs" in account) return { ok: false, waitMs: account.waitMs };
  const byAddress = await take(db, key("address", ""), rules.address, now);
  if ("waitMs" in byAddress) {
    await giveBack(db, account);
    return { ok: false, waitMs: byAddress.waitMs };
  }
  return { ok: true, account, address: byAddress };
}

/** The right password: this address starts afresh for this account, and the attempt is not held against the address. */
export async function attemptSucceeded(db: Db, claim: Claim & { ok: true }): Promise<void> {
  await deleteFailures(db, claim.account.key);
  await giveBack(db, claim.address);
}

/**
 * A wrong password: the counted failure stands. Says how long this address must now wait, and
 * whether this failure started the account's or the address's throttling; forgets old rows.
 */
export async function attemptFailed(
  db: Db,
  claim: Claim & { ok: true },
  now: Date,
): Promise<{ waitMs: number; accountThrottled: boolean; addressThrottled: boolean }> {
  await forgetFailuresBefore(db, new Date(now.getTime() - FORGET_AFTER_MS).toISOString());
  const starts = (t: Taken) => t.after.failures === t.rule.freeFailures;
  return {
    waitMs: Math.max(
      delayAfter(claim.account.after.failures, claim.account.rule),
      delayAfter(claim.address.after.failures, claim.address.rule),
    ),
    accountThrottled: starts(claim.account),
    addressThrottled: starts(claim.address),
  };
}
