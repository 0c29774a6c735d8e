import crypto from "node:crypto";
import type { Selectable } from "kysely";
import type { Database } from "../db/schema.ts";

/** What happened, to what, by whom. Before/after are snapshots of the changed record. */
export interface AuditInput {
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** A stored event of the chain, as its table holds it. */
export type AuditEvent = Selectable<Database["audit_events"]>;

export const GENESIS_HASH = "0".repeat(64);

const SECRET_KEY = /pass(word)?|token|secret|hash|cookie|csrf/i;

/** Copies a snapshot without any field that could hold a credential. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !SECRET_KEY.test(key))
        .map(([key, v]) => [key, redact(v)]),
    );
  }
  return value;
}

export const snapshot = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(redact(value));

/** The fields an event's hash covers, in a fixed order. */
function canonical(e: Omit<AuditEvent, "hash">): string {
  return JSON.stringify([
    e.seq,
    e.prev_hash,
    e.tenant_id,
    e.occurred_at,
    e.actor_id,
    e.actor_label,
    e.action,
    e.subject_type,
    e.subject_id,
    e.before_json,
    e.after_json,
    e.ip,
  ]);
}

/** The hash of an event written before the audit key: SHA-256, which anyone can recompute. */
export function plainHash(e: Omit<AuditEvent, "hash">): string {
  return crypto.createHash("sha256").update(canonical(e)).digest("hex");
}

/** The hash of an event since the audit key: HMAC-SHA-256, which only the key's holder can compute. */
export function keyedHash(e: Omit<AuditEvent, "hash">, key: Buffer): string {
  return crypto.createHmac("sha256", key).update(canonical(e)).digest("hex");
}

/**
 * Where the keyed chain starts: its first event's number, the (plain) hash it links to, and
 * when it was started. Events before `seq` keep the plain hashes they were written with.
 */
export interface KeyedStart {
  seq: number;
  prevHash: string;
  since: string;
}

/** Binds the keyed start to the key, so nobody without it can move the start or forge one. */
export function keyedStartSeal(start: KeyedStart, key: Buffer): string {
  return crypto
    .createHmac("sha256", key)
    .update(JSON.stringify(["kansli audit keyed start", start.seq, start.prevHash, start.since]))
    .digest("hex");
}

/** The head of the trail at one moment, to be kept outside the database. */
export interface Checkpoint {
  seq: number;
  hash: string;
  occurredAt: string;
  takenAt: string;
}

export const checkpointLine = (c: Checkpoint): string => JSON.stringify({ kansli: "audit-checkpoint", ...c });

/** Checkpoints from a file of lines as `checkpointLine` writes them; or the number of the first bad line. */
export function parseCheckpoints(text: string): Checkpoint[] | { badLine: number } {
  const checkpoints: Checkpoint[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return { badLine: index + 1 };
    }
    const c = parsed as Partial<Record<keyof Checkpoint | "kansli", unknown>>;
    if (
      c.kansli !== "audit-checkpoint" ||
      !Number.isSafeInteger(c.seq) ||
      (c.seq as number) < 1 ||
      typeof c.hash !== "string" ||
      !/^[0-9a-f]{64}$/.test(c.hash) ||
      typeof c.occurredAt !== "string" ||
      typeof c.takenAt !== "string"
    )
      return { badLine: index + 1 };
    checkpoints.push({ seq: c.seq as number, hash: c.hash, occurredAt: c.occurredAt, takenAt: c.takenAt });
  }
  return checkpoints.length > 0 ? checkpoints : { badLine: 1 };
}

/**
 * changed / removed / out_of_order: an event; checkpoint: the trail differs from a checkpoint at
 * that event; key: the configured key is not the trail's (or its keyed start was changed);
 * not_keyed: events but no keyed start.
 */
export type ChainProblem = "changed" | "removed" | "out_of_order" | "checkpoint" | "key" | "not_keyed";

export type VerifyResult =
  | {
      ok: true;
      count: number;
      /** Where the keyed chain starts; null while the trail is empty and not yet keyed. */
      keyedStart: KeyedStart | null;
      /** The last event checked, for a checkpoint. */
      last: Omit<Checkpoint, "takenAt"> | null;
    }
  | { ok: false; seq: number; problem: ChainProblem; count: number };

/** Checks one event against the chain so far; returns the problem, if any. */
export function checkLink(
  event: AuditEvent,
  expectedSeq: number,
  expectedPrev: string,
  hashOf: (e: Omit<AuditEvent, "hash">) => string,
): { seq: number; problem: ChainProblem } | null {
  if (event.seq > expectedSeq) return { seq: expectedSeq, problem: "removed" };
  if (event.seq < expectedSeq) return { seq: event.seq, problem: "out_of_order" };
  if (event.prev_hash !== expectedPrev) {
    // The stored link does not match the previous event: that one was changed, or this one was.
    return { seq: event.seq, problem: "changed" };
  }
  if (hashOf(event) !== event.hash) return { seq: event.seq, problem: "changed" };
  return null;
}
