import type { Insertable, Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import type { AgendaItemTable, MeetingDecisionTable, MeetingTable } from "../platform/db/schema.ts";
import type { AgendaItem, Body, Decision, Meeting, Outcome } from "./meetings.model.ts";

const toMeeting = (r: Selectable<MeetingTable>): Meeting => ({
  id: r.id,
  body: r.body as Body,
  unitId: r.unit_id,
  meetingDate: r.meeting_date,
  place: r.place,
  postedOn: r.posted_on,
});

export const insertMeeting = (db: Db, row: Insertable<MeetingTable>) =>
  db.insertInto("meetings").values(row).execute();

export async function findMeeting(db: Db, tenantId: string, id: string): Promise<Meeting | null> {
  const r = await db
    .selectFrom("meetings")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("id", "=", id)
    .executeTakeFirst();
  return r ? toMeeting(r) : null;
}

/** Latest first; `postedOnly` gives the meetings whose minutes are on the notice board. */
export async function listMeetings(db: Db, tenantId: string, postedOnly = false): Promise<Meeting[]> {
  let q = db.selectFrom("meetings").selectAll().where("tenant_id", "=", tenantId);
  if (postedOnly) q = q.where("posted_on", "is not", null);
  const rows = await q.orderBy("meeting_date", "desc").orderBy("id").limit(200).execute();
  return rows.map(toMeeting);
}

/** The body's first meeting on or after `from`: where a proposal to it goes. */
export async function nextMeetingOf(
  db: Db,
  tenantId: string,
  body: Body,
  unitId: string | null,
  from: string,
) {
  const r = await db
    .selectFrom("meetings")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("body", "=", body)
    .where((eb) => (unitId === null ? eb("unit_id", "is", null) : eb("unit_id", "=", unitId)))
    .where("meeting_date", ">=", from)
    .where("posted_on", "is", null)
    .orderBy("meeting_date")
    .orderBy("id")
    .executeTakeFirst();
  return r ? toMeeting(r) : null;
}

/** Only a meeting not yet posted can be justerad and posted; returns whether this call did it. */
export async function setPosted(db: Db, id: string, postedOn: string): Promise<boolean> {
  const r = await db
    .updateTable("meetings")
    .set({ posted_on: postedOn })
    .where("id", "=", id)
    .where("posted_on", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const insertAgendaItem = (db: Db, row: Insertable<AgendaItemTable>) =>
  db.insertInto("agenda_items").values(row).execute();

/** Places a waiting item on a meeting at the given position. */
export const placeAgendaItem = (db: Db, id: string, meetingId: string, position: number) =>
  db.updateTable("agenda_items").set({ meeting_id: meetingId, position }).where("id", "=", id).execute();

const agendaQuery = (db: Db, tenantId: string) =>
  db
    .selectFrom("agenda_items as a")
    .innerJoin("cases as c", "c.id", "a.case_id")
    .leftJoin("meeting_decisions as d", "d.agenda_item_id", "a.id")
    .select([
      "a.id",
      "a.meeting_id",
      "a.body",
      "a.unit_id",
      "a.case_id",
      "c.diary_number",
      "a.document_id",
      "a.title",
      "a.position",
      "d.id as decision_id",
    ])
    .where("a.tenant_id", "=", tenantId);

type AgendaRow = Awaited<ReturnType<ReturnType<typeof agendaQuery>["execute"]>>[number];
const toAgendaItem = (r: AgendaRow): AgendaItem => ({
  id: r.id,
  meetingId: r.meeting_id,
  body: r.body as Body,
  unitId: r.unit_id,
  caseId: r.case_id,
  diaryNumber: r.diary_number,
  documentId: r.document_id,
  title: r.title,
  position: r.position,
  decisionId: r.decision_id,
});

export async function agendaOf(db: Db, tenantId: string, meetingId: string): Promise<AgendaItem[]> {
  const rows = await agendaQuery(db, tenantId)
    .where("a.meeting_id", "=", meetingId)
    .orderBy("a.position")
    .execute();
  return rows.map(toAgendaItem);
}

/** Items waiting for a meeting of the body: KS proposals to KF before the council's next meeting is set. */
export async function waitingItems(db: Db, tenantId: string, body: Body, unitId: string | null) {
  const rows = await agendaQuery(db, tenantId)
    .where("a.meeting_id", "is", null)
    .where("a.body", "=", body)
    .where((eb) => (unitId === null ? eb("a.unit_id", "is", null) : eb("a.unit_id", "=", unitId)))
    .orderBy("a.created_at")
    .orderBy("a.id")
    .execute();
  return rows.map(toAgendaItem);
}

export async function findAgendaItem(db: Db, tenantId: string, id: string): Promise<AgendaItem | null> {
  const r = await agendaQuery(db, tenantId).where("a.id", "=", id).executeTakeFirst();
  return r ? toAgendaItem(r) : null;
}

export async function nextPosition(db: Db, meetingId: string): Promise<number> {
  const r = await db
    .selectFrom("agenda_items")
    .select((eb) => eb.fn.max("position").as("last"))
    .where("meeting_id", "=", meetingId)
    .executeTakeFirst();
  return Number(r?.last ?? 0) + 1;
}

export const insertDecision = (db: Db, row: Insertable<MeetingDecisionTable>) =>
  db.insertInto("meeting_decisions").values(row).execute();

/** The next § of a series in a year; the unique key makes a concurrent twin fail, not repeat. */
export async function nextParagraph(db: Db, tenantId: string, series: string, year: number): Promise<number> {
  const r = await db
    .selectFrom("meeting_decisions")
    .select((eb) => eb.fn.max("paragraph").as("last"))
    .where("tenant_id", "=", tenantId)
    .where("series", "=", series)
    .where("year", "=", year)
    .executeTakeFirst();
  return Number(r?.last ?? 0) + 1;
}

const decisionQuery = (db: Db, tenantId: string) =>
  db
    .selectFrom("meeting_decisions as d")
    .leftJoin("meetings as m", "m.id", "d.meeting_id")
    .select([
      "d.id",
      "d.body",
      "d.unit_id",
      "d.meeting_id",
      "m.meeting_date",
      "m.posted_on",
      "d.agenda_item_id",
      "d.case_id",
      "d.decided_on",
      "d.year",
      "d.paragraph",
      "d.outcome",
      "d.proposes_to",
      "d.text",
      "d.extract_document_id",
    ])
    .where("d.tenant_id", "=", tenantId);

type DecisionQueryRow = Awaited<ReturnType<ReturnType<typeof decisionQuery>["execute"]>>[number];
const toDecision = (r: DecisionQueryRow): Decision => ({
  id: r.id,
  body: r.body as Body,
  unitId: r.unit_id,
  meetingId: r.meeting_id,
  meetingDate: r.meeting_date,
  agendaItemId: r.agenda_item_id,
  caseId: r.case_id,
  decidedOn: r.decided_on,
  year: r.year,
  paragraph: r.paragraph,
  outcome: r.outcome as Outcome,
  proposesTo: r.proposes_to as Body | null,
  text: r.text,
  extractDocumentId: r.extract_document_id,
  postedOn: r.posted_on,
});

/** A case's decisions in chain order: by day, then as recorded. */
export async function decisionsOfCase(db: Db, tenantId: string, caseId: string): Promise<Decision[]> {
  const rows = await decisionQuery(db, tenantId)
    .where("d.case_id", "=", caseId)
    .orderBy("d.decided_on")
    .orderBy("d.created_at")
    .orderBy("d.id")
    .execute();
  return rows.map(toDecision);
}

export async function decisionsOfMeeting(db: Db, tenantId: string, meetingId: string): Promise<Decision[]> {
  const rows = await decisionQuery(db, tenantId)
    .where("d.meeting_id", "=", meetingId)
    .orderBy("d.paragraph")
    .execute();
  return rows.map(toDecision);
}

/** Delegation decisions of a body in a period, in § order: the list reported to the body. */
export async function delegationDecisions(
  db: Db,
  tenantId: string,
  f: { body: Body; unitId: string | null; from: string; to: string },
): Promise<Decision[]> {
  const rows = await decisionQuery(db, tenantId)
    .where("d.meeting_id", "is", null)
    .where("d.body", "=", f.body)
    .where((eb) => (f.unitId === null ? eb("d.unit_id", "is", null) : eb("d.unit_id", "=", f.unitId)))
    .where("d.decided_on", ">=", f.from)
    .where("d.decided_on", "<=", f.to)
    .orderBy("d.year")
    .orderBy("d.paragraph")
    .execute();
  return rows.map(toDecision);
}

/** A case's agenda items not yet decided: where its chain stands now. */
export async function pendingItemsOfCase(db: Db, tenantId: string, caseId: string): Promise<AgendaItem[]> {
  const rows = await agendaQuery(db, tenantId)
    .where("a.case_id", "=", caseId)
    .where("d.id", "is", null)
    .orderBy("a.created_at")
    .execute();
  return rows.map(toAgendaItem);
}

/** The underlag documents already on some agenda (placed or waiting). */
export async function documentsOnAgendas(db: Db, tenantId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("agenda_items")
    .select("document_id")
    .where("tenant_id", "=", tenantId)
    .execute();
  return new Set(rows.map((r) => r.document_id));
}
