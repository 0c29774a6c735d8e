import type { Selectable, Updateable } from "kysely";
import type { Db } from "../../platform/db/database.ts";
import type { ConsultationRecipientTable, ConsultationTable } from "../../platform/db/schema.ts";
import type {
  Consultation,
  ConsultationStatus,
  ListGroup,
  Position,
  RecipientFacts,
  SendState,
} from "./consultation.model.ts";

export type ConsultationRow = Selectable<ConsultationTable>;

export const toConsultation = (r: ConsultationRow): Consultation => ({
  id: r.id,
  caseId: r.case_id,
  title: r.title,
  status: r.discarded_at ? "discarded" : (r.status as ConsultationStatus),
  deadline: r.deadline,
  sentOn: r.sent_on,
  instructions: r.instructions,
  officerId: r.officer_id,
  contact: r.contact,
  createdAt: r.created_at,
  closedOn: r.closed_on,
  discardedAt: r.discarded_at,
  missivDocumentId: r.missiv_document_id,
  listDocumentId: r.list_document_id,
  compilationDocumentId: r.compilation_document_id,
});

export const findConsultation = (db: Db, tenantId: string, id: string) =>
  db
    .selectFrom("consultations")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();

/** One body of the distribution list with the facts its tracking state is derived from. */
export interface RecipientRecord {
  id: string;
  consultationId: string;
  unitId: string | null;
  name: string;
  email: string | null;
  group: ListGroup;
  facts: RecipientFacts;
  sentAt: string | null;
  linkExpiresAt: string | null;
  answerDocumentId: string | null;
  declineComment: string | null;
  summary: string | null;
  position: Position | null;
}

const recipientQuery = (db: Db) =>
  db
    .selectFrom("consultation_recipients as r")
    .leftJoin("units as u", "u.id", "r.unit_id")
    .selectAll("r")
    .select((eb) => [
      "u.name as unit_name",
      "u.functional_mailbox",
      "u.email",
      eb
        .exists(
          eb
            .selectFrom("consultation_extensions as x")
            .select("x.id")
            .whereRef("x.recipient_id", "=", "r.id")
            .where("x.status", "=", "requested"),
        )
        .as("extension_asked"),
    ]);

type RecipientQueryRow = Awaited<ReturnType<ReturnType<typeof recipientQuery>["execute"]>>[number];

const toRecipientRecord = (r: RecipientQueryRow): RecipientRecord => ({
  id: r.id,
  consultationId: r.consultation_id,
  unitId: r.unit_id,
  name: r.unit_name ?? r.external_name ?? "",
  email: r.external_email ?? r.functional_mailbox ?? r.email ?? null,
  group: r.list_group as ListGroup,
  facts: {
    sendState: r.state as SendState,
    openedAt: r.opened_at,
    answeredOn: r.answered_on,
    declinedOn: r.declined_on,
    ownDeadline: r.deadline,
    // SQLite answers 0/1, PostgreSQL true/false.
    extensionAsked: Boolean(r.extension_asked),
  },
  sentAt: r.sent_at,
  linkExpiresAt: r.link_expires_at,
  answerDocumentId: r.answer_document_id,
  declineComment: r.decline_comment,
  summary: r.summary,
  position: r.position as Position | null,
});

/** The distribution list, with the names of units (external bodies carry their own). */
export async function recipientsOf(db: Db, consultationId: string): Promise<RecipientRecord[]> {
  const rows = await recipientQuery(db).where("r.consultation_id", "=", consultationId).execute();
  return rows.map(toRecipientRecord);
}

/**
 * Bodies a round was sent to, with the round's title, deadline and status and the case's
 * diary number and the facts that decide who sees its real title.
 */
export const sentRecipientsWithRound = (db: Db, tenantId: string) =>
  recipientQuery(db)
    .innerJoin("consultations as k", "k.id", "r.consultation_id")
    .innerJoin("cases as c", "c.id", "k.case_id")
    .select([
      "k.title",
      "k.deadline as consultation_deadline",
      "k.status as consultation_status",
      "c.diary_number",
      "c.public_title",
      "c.unit_id as case_unit_id",
      "c.officer_id as case_officer_id",
    ])
    .where("k.tenant_id", "=", tenantId)
    .where("r.state", "=", "sent");

type RoundRecipientRow = Awaited<ReturnType<ReturnType<typeof sentRecipientsWithRound>["execute"]>>[number];

export const toRoundRecipient = (r: RoundRecipientRow) => ({
  record: toRecipientRecord(r),
  title: r.title,
  consultationDeadline: r.consultation_deadline,
  closed: r.consultation_status === "closed",
  diaryNumber: r.diary_number,
  c: { publicTitle: r.public_title, unitId: r.case_unit_id, officerId: r.case_officer_id },
});

/** The rounds sent to one unit, newest first. */
export async function unitRecipients(db: Db, tenantId: string, unitId: string, limit: number) {
  const rows = await sentRecipientsWithRound(db, tenantId)
    .where("r.unit_id", "=", unitId)
    .orderBy("r.sent_at", "desc")
    .limit(limit)
    .execute();
  return rows.map(toRoundRecipient);
}

export async function findRecipient(db: Db, id: string): Promise<RecipientRecord | undefined> {
  const row = await recipientQuery(db).where("r.id", "=", id).executeTakeFirst();
  return row && toRecipientRecord(row);
}

/** The body whose personal link has this secret's hash. */
export async function findRecipientByTokenHash(
  db: Db,
  tokenHash: string,
): Promise<RecipientRecord | undefined> {
  const row = await recipientQuery(db).where("r.token_hash", "=", tokenHash).executeTakeFirst();
  return row && toRecipientRecord(row);
}

export const updateRecipient = (db: Db, id: string, values: Updateable<ConsultationRecipientTable>) =>
  db.updateTable("consultation_recipients").set(values).where("id", "=", id).execute();

export const updateConsultationRow = (db: Db, id: string, values: Updateable<ConsultationTable>) =>
  db.updateTable("consultations").set(values).where("id", "=", id).execute();

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
