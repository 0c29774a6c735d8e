import type { Db } from "../db/database.ts";
import {
  type AuditEvent,
  type AuditInput,
  checkLink,
  eventHash,
  GENESIS_HASH,
  snapshot,
  type VerifyResult,
} from "./audit.model.ts";
import { eventsAfter, insertEvent, lockHead, readHead } from "./audit.store.ts";

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
  const head = await lockHead(trx);
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
  const event = { ...unhashed, hash: eventHash(unhashed) };
  await insertEvent(trx, event);
  return event;
}

/** Walks the whole chain; names the first event that was changed or removed. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  let expectedSeq = 1;
  let expectedPrev = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const page = await eventsAfter(db, expectedSeq - 1, 1000);
    for (const event of page) {
      const problem = checkLink(event, expectedSeq, expectedPrev);
      if (problem) return { ok: false, ...problem, count };
      expectedSeq += 1;
      expectedPrev = event.hash;
      count += 1;
    }
    if (page.length < 1000) break;
  }
  const head = await readHead(db);
  // Events removed from the end leave the head pointing past the last one found.
  if (head.last_seq !== count || head.last_hash !== expectedPrev) {
    return { ok: false, seq: expectedSeq, problem: "removed", count };
  }
  return { ok: true, count };
}
