import type { Db } from "../../../platform/db/database.ts";
import type { Position } from "../consultation.model.ts";

/** The officer's summary of a body's answer and the body's position, as the compilation shows them. */
export const saveAssessment = (trx: Db, recipientId: string, summary: string | null, position: Position) =>
  trx
    .updateTable("consultation_recipients")
    .set({ summary, position })
    .where("id", "=", recipientId)
    .execute();
