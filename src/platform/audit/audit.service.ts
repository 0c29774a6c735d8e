import type { Db } from "../db/database.ts";
import {
  type AuditEvent,
  type AuditInput,
  type Checkpoint,
  checkLink,
  GENESIS_HASH,
  type KeyedStart,
  keyedHash,
  keyedStartSeal,
  plainHash,
  snapshot,
  type VerifyResult,
} from "./audit.model.ts";
import {
  type AuditHead,
  eventsAfter,
  insertEvent,
  lockHead,
  readHead,
  recordKeyedStart,
} from "./audit.store.ts";
import { auditKey } from "./audit-key.ts";

/** The trail is keyed with this key, not keyed yet (events so far in it), or keyed with another key. */
export type AuditKeyState =
  | { state: "keyed"; start: KeyedStart }
  | { state: "not_keyed"; events: number }
  | { state: "wrong_key"; start: KeyedStart };

function keyState(head: AuditHead, key: Buffer): AuditKeyState {
  if (
    head.keyed_from_seq === null ||
    head.keyed_from_hash === null ||
    head.keyed_since === null ||
    head.keyed_seal === null
  )
    return { state: "not_keyed", events: head.last_seq };
  const start = { seq: head.keyed_from_seq, prevHash: head.keyed_from_hash, since: head.keyed_since };
  return keyedStartSeal(start, key) === head.keyed_seal
    ? { state: "keyed", start }
    : { state: "wrong_key", start };
}

export const AUDIT_NOT_KEYED =
  'the audit trail has no keyed start: run "kansli migrate" (after an upgrade it starts the keyed chain; otherwise someone removed the start: compare with your last checkpoint)';
export const AUDIT_WRONG_KEY =
  "the audit key (KANSLI_AUDIT_KEY or KANSLI_AUDIT_KEY_FILE) is not the key this audit trail is keyed with";

export async function auditKeyState(db: Db, key: Buffer): Promise<AuditKeyState> {
  return keyState(await readHead(db), key);
}

/**
 * Starts the keyed chain at the event after the current head, unless it has started: the events
 * so far keep their plain hashes, and the start is sealed with the key. `kansli migrate` calls
 * it, so an existing trail is keyed once, by whoever holds the key, when kansli is upgraded.
 */
export async function startKeyedChain(db: Db, key: Buffer, now: Date): Promise<AuditKeyState> {
  return db.transaction().execute(async (trx) => {
    const head = await lockHead(trx);
    const state = keyState(head, key);
    if (state.state !== "not_keyed") return state;
    const start = { seq: head.last_seq + 1, prevHash: head.last_hash, since: now.toISOString() };
    await recordKeyedStart(trx, start, keyedStartSeal(start, key));
    return { state: "keyed", start };
  });
}

/**
 * Appends one event to the chain. Call it inside the transaction that makes the
 * change, so the change and its record commit or fail together.
 */
export async function appendAudit(
  trx: Db,
  tenantId: string,
  now: Date,
  input: AuditInput,
): Promise<AuditEvent> {
  const key = auditKey();
  const head = await lockHead(trx);
  const state = keyState(head, key);
  if (state.state === "wrong_key") throw new Error(`kansli: ${AUDIT_WRONG_KEY}`);
  if (state.state === "not_keyed") {
    // A new installation's first event starts the keyed chain; an older trail waits for `kansli migrate`.
    if (head.last_seq > 0) throw new Error(`kansli: ${AUDIT_NOT_KEYED}`);
    const start = { seq: 1, prevHash: head.last_hash, since: now.toISOString() };
    await recordKeyedStart(trx, start, keyedStartSeal(start, key));
  }
  const unhashed = {
    seq: head.last_seq + 1,
    tenant_id: tenantId,
    occurred_at: now.toISOString(),
    actor_id: input.actorId,
    actor_label: input.actorLabel,
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    before_json: snapshot(input.before),
    after_json: snapshot(input.after),
    ip: input.ip ?? null,
    prev_hash: head.last_hash,
  };
  const event = { ...unhashed, hash: keyedHash(unhashed, key) };
  await insertEvent(trx, event);
  return event;
}

const PAGE = 1000;

/**
 * Walks the chain up to the head as it was when the walk began (so events appended meanwhile do
 * not count as a mismatch) and names the first event that was changed or removed. Events before
 * the keyed start are checked with their plain hashes, the rest with the key; the plain part is
 * bound to the keyed part by the start's sealed link. Each checkpoint's event must still have the
 * hash the checkpoint recorded.
 */
export async function verifyAudit(
  db: Db,
  key: Buffer,
  checkpoints: Checkpoint[] = [],
): Promise<VerifyResult> {
  const head = await readHead(db);
  const state = keyState(head, key);
  if (state.state === "wrong_key") return { ok: false, seq: state.start.seq, problem: "key", count: 0 };
  if (state.state === "not_keyed" && head.last_seq > 0)
    return { ok: false, seq: 1, problem: "not_keyed", count: 0 };
  const start = state.state === "keyed" ? state.start : null;
  const pinned = new Map(checkpoints.map((c) => [c.seq, c.hash]));
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  let last: Omit<Checkpoint, "takenAt"> | null = null;
  walk: while (count < head.last_seq) {
    const page = await eventsAfter(db, count, PAGE);
    for (const event of page) {
      if (event.seq > head.last_seq) break walk;
      if (start && event.seq === start.seq && expectedPrev !== start.prevHash) {
        // The plain events were rewritten (their hashes recomputed) after the keyed chain started.
        return { ok: false, seq: count, problem: "changed", count: count - 1 };
      }
      const hashOf =
        start && event.seq >= start.seq ? (e: Omit<AuditEvent, "hash">) => keyedHash(e, key) : plainHash;
      const problem = checkLink(event, count + 1, expectedPrev, hashOf);
      if (problem) return { ok: false, ...problem, count };
      if ((pinned.get(event.seq) ?? event.hash) !== event.hash)
        return { ok: false, seq: event.seq, problem: "checkpoint", count };
      expectedPrev = event.hash;
      count += 1;
      last = { seq: event.seq, hash: event.hash, occurredAt: event.occurred_at };
    }
    if (page.length < PAGE) break;
  }
  // Events removed from the end leave the head pointing past the last one found.
  if (count !== head.last_seq || expectedPrev !== head.last_hash)
    return { ok: false, seq: count + 1, problem: "removed", count };
  // A trail cut back into its plain part, or with no keyed event yet, is held to the sealed start.
  if (start && count < start.seq - 1) return { ok: false, seq: count + 1, problem: "removed", count };
  if (start && count === start.seq - 1 && expectedPrev !== start.prevHash)
    return { ok: false, seq: count, problem: "changed", count: count - 1 };
  const beyond = checkpoints.find((c) => c.seq > count);
  if (beyond) return { ok: false, seq: count + 1, problem: "removed", count };
  return { ok: true, count, keyedStart: start, last };
}
