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
