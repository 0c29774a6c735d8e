import type { Db } from "../../../platform/db/database.ts";

/**
 * Marks a body as having answered or declined: only while the round is out and the body has
 * neither answered nor declined, so a second answer (or a race) changes nothing. Returns whether
 * this call took the step.
 */
export async function claimBodyStep(
  trx: Db,
  recipientId: string,
  values: {
    answered_on?: string;
    answer_document_id?: string;
    declined_on?: string;
    decline_comment?: string;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable("consultation_recipients")
    .set(values)
    .where("id", "=", recipientId)
    .where("answered_on", "is", null)
    .where("declined_on", "is", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("consultations")
          .select("consultations.id")
          .whereRef("consultations.id", "=", "consultation_recipients.consultation_id")
          .where("consultations.status", "=", "sent"),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The bodies of the rounds out (sent, not closed) in the case with this diary number, with every
 * address each is registered with: an external body's own, a unit's functional mailbox and e-mail.
 */
export function sentBodiesOfCase(db: Db, tenantId: string, diaryNumber: string) {
  return db
    .selectFrom("consultation_recipients as r")
    .innerJoin("consultations as k", "k.id", "r.consultation_id")
    .innerJoin("cases as c", "c.id", "k.case_id")
    .leftJoin("units as u", "u.id", "r.unit_id")
    .select([
      "r.id",
      "r.consultation_id",
      "r.external_name",
      "r.external_email",
      "u.name as unit_name",
      "u.functional_mailbox",
      "u.email",
    ])
    .where("k.tenant_id", "=", tenantId)
    .where("c.diary_number", "=", diaryNumber)
    .where("k.status", "=", "sent")
    .where("r.state", "=", "sent")
    .orderBy("r.id")
    .execute();
}
