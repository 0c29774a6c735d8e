import crypto from "node:crypto";

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

export interface AuditEvent {
  seq: number;
  tenant_id: string;
  occurred_at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

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

/** The hash that chains an event to the one before it. */
export function eventHash(e: Omit<AuditEvent, "hash">): string {
  const canonical = JSON.stringify([
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
  return crypto.createHash("sha256").update(canonical).digest("hex");
}

export type ChainProblem = "changed" | "removed" | "out_of_order";

export type VerifyResult =
  | { ok: true; count: number }
  | { ok: false; seq: number; problem: ChainProblem; count: number };

/** Checks one event against the chain so far; returns the problem, if any. */
export function checkLink(
  event: AuditEvent,
  expectedSeq: number,
  expectedPrev: string,
): { seq: number; problem: ChainProblem } | null {
  if (event.seq > expectedSeq) return { seq: expectedSeq, problem: "removed" };
  if (event.seq < expectedSeq) return { seq: event.seq, problem: "out_of_order" };
  if (event.prev_hash !== expectedPrev) {
    // The stored link does not match the previous event: that one was changed, or this one was.
    return { seq: event.seq, problem: "changed" };
  }
  if (eventHash(event) !== event.hash) return { seq: event.seq, problem: "changed" };
  return null;
}
