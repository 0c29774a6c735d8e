import type { Insertable, Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type {
  ConsultationMaterialTable,
  ConsultationRecipientTable,
  ConsultationTable,
} from "../platform/db/schema.ts";
import type {
  Consultation,
  ConsultationStatus,
  ListGroup,
  Recipient,
  RecipientState,
} from "./consultations.model.ts";

export type ConsultationRow = Selectable<ConsultationTable>;

export const toConsultation = (r: ConsultationRow): Consultation => ({
  id: r.id,
  caseId: r.case_id,
  title: r.title,
  status: r.status as ConsultationStatus,
  deadline: r.deadline,
  sentOn: r.sent_on,
  instructions: r.instructions,
  officerId: r.officer_id,
  contact: r.contact,
  createdAt: r.created_at,
});

export async function insertConsultation(
  db: Db,
  row: ConsultationRow,
  recipients: Insertable<ConsultationRecipientTable>[],
  material: Insertable<ConsultationMaterialTable>[],
): Promise<void> {
  await db.insertInto("consultations").values(row).execute();
  if (recipients.length > 0) await db.insertInto("consultation_recipients").values(recipients).execute();
  if (material.length > 0) await db.insertInto("consultation_material").values(material).execute();
}

export const findConsultation = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("consultations")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** The distribution list, with the names of units (external bodies carry their own). */
export async function recipientsOf(db: Db, consultationId: string): Promise<Recipient[]> {
  const rows = await db
    .selectFrom("consultation_recipients as r")
    .leftJoin("units as u", "u.id", "r.unit_id")
    .select([
      "r.id",
      "r.unit_id",
      "r.external_name",
      "r.external_email",
      "r.list_group",
      "r.state",
      "r.deadline",
      "u.name as unit_name",
      "u.functional_mailbox",
      "u.email",
    ])
    .where("r.consultation_id", "=", consultationId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    name: r.unit_name ?? r.external_name ?? "",
    email: r.external_email ?? r.functional_mailbox ?? r.email ?? null,
    group: r.list_group as ListGroup,
    state: r.state as RecipientState,
    deadline: r.deadline,
  }));
}

export async function materialOf(db: Db, consultationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("consultation_material")
    .select("document_id")
    .where("consultation_id", "=", consultationId)
    .execute();
  return rows.map((r) => r.document_id);
}

export interface ConsultationPageQuery {
  tenantId: string;
  caseId?: string | undefined;
  /** Newest first: the page continues after this key. */
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
}

/** Consultations newest first, for one case or all, one page at a time (keyset). */
export function consultationPage(db: Db, q: ConsultationPageQuery): Promise<ConsultationRow[]> {
  let query = db.selectFrom("consultations").selectAll().where("tenant_id", "=", q.tenantId);
  if (q.caseId) query = query.where("case_id", "=", q.caseId);
  const after = q.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb("created_at", "<", after.createdAt),
        eb.and([eb("created_at", "=", after.createdAt), eb("id", "<", after.id)]),
      ]),
    );
  return query.orderBy("created_at", "desc").orderBy("id", "desc").limit(q.limit).execute();
}
