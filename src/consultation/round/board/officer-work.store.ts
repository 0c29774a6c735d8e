import type { Db } from "../../../platform/db/database.ts";
import { sentRecipientsWithRound, toRoundRecipient } from "../consultation.store.ts";

const WORK_LIMIT = 300;

/**
 * The bodies of one officer's rounds that may need the officer: answers not yet assessed (sent
 * or closed rounds) and bodies that have neither answered nor declined (rounds still out).
 */
export async function officerRecipients(db: Db, tenantId: string, officerId: string) {
  const rows = await sentRecipientsWithRound(db, tenantId)
    .where("k.officer_id", "=", officerId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb("r.answered_on", "is not", null),
          eb("r.position", "is", null),
          eb("k.status", "in", ["sent", "closed"]),
        ]),
        eb.and([
          eb("r.answered_on", "is", null),
          eb("r.declined_on", "is", null),
          eb("k.status", "=", "sent"),
        ]),
      ]),
    )
    .orderBy("k.deadline")
    .limit(WORK_LIMIT)
    .execute();
  return rows.map(toRoundRecipient);
}
