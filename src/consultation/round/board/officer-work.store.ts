import type { Db } from "../../../platform/db/database.ts";
import { recipientQuery, toRecipientRecord } from "../consultation.store.ts";

const WORK_LIMIT = 300;

/**
 * The bodies of one officer's rounds that may need the officer: answers not yet assessed (sent
 * or closed rounds) and bodies that have neither answered nor declined (rounds still out).
 */
export async function officerRecipients(db: Db, tenantId: string, officerId: string) {
  const rows = await recipientQuery(db)
    .innerJoin("consultations as k", "k.id", "r.consultation_id")
    .innerJoin("cases as c", "c.id", "k.case_id")
    .select([
      "k.title",
      "k.status as consultation_status",
      "k.deadline as consultation_deadline",
      "c.diary_number",
      "c.public_title",
      "c.unit_id as case_unit_id",
      "c.officer_id as case_officer_id",
    ])
    .where("k.tenant_id", "=", tenantId)
    .where("k.officer_id", "=", officerId)
    .where("r.state", "=", "sent")
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
  return rows.map((r) => ({
    record: toRecipientRecord(r),
    title: r.title,
    roundStatus: r.consultation_status,
    consultationDeadline: r.consultation_deadline,
    diaryNumber: r.diary_number,
    c: { publicTitle: r.public_title, unitId: r.case_unit_id, officerId: r.case_officer_id },
  }));
}
