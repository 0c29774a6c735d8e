import type { Selectable } from "kysely";
import type { Db } from "../platform/db/database.ts";
import { fixedQuery } from "../platform/db/fixed-query.ts";
import type { CasePartyTable, CaseTable } from "../platform/db/schema.ts";
import type { Case, CaseParty, CaseStatus } from "./cases.model.ts";

export type CaseRow = Selectable<CaseTable>;
export type PartyRow = Selectable<CasePartyTable>;

export const toCase = (r: CaseRow): Case => ({
  id: r.id,
  registryId: r.registry_id,
  diaryNumber: r.diary_number,
  year: r.year,
  seq: r.seq,
  title: r.title,
  publicTitle: r.public_title,
  classId: r.class_id,
  classVersionId: r.class_version_id,
  unitId: r.unit_id,
  officerId: r.officer_id,
  status: r.status,
  openedOn: r.opened_on,
  closedOn: r.closed_on,
});

export const toParty = (r: PartyRow): CaseParty => ({
  id: r.id,
  name: r.name,
  organisation: r.organisation,
  email: r.email,
  protectedIdentity: r.protected_identity === 1,
});

export const insertCase = (db: Db, row: CaseRow) => db.insertInto("cases").values(row).execute();

const caseById = fixedQuery((db, v: { tenantId: string; id: string }) =>
  db.selectFrom("cases").selectAll().where("tenant_id", "=", v.tenantId).where("id", "=", v.id),
);

export const findCase = (db: Db, tenantId: string, id: string) => caseById.first(db, { tenantId, id });

export const findCaseByDiaryNumber = (db: Db, tenantId: string, diaryNumber: string) =>
  db
    .selectFrom("cases")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("diary_number", "=", diaryNumber)
    .executeTakeFirst();

export const updateCaseRow = (db: Db, id: string, changes: Partial<CaseRow>) =>
  db.updateTable("cases").set(changes).where("id", "=", id).execute();

export const insertParties = async (db: Db, rows: PartyRow[]) => {
  if (rows.length > 0) await db.insertInto("case_parties").values(rows).execute();
};

const partiesOfCase = fixedQuery((db, v: { caseId: string }) =>
  db
    .selectFrom("case_parties")
    .selectAll()
    .where("case_id", "=", v.caseId)
    .orderBy("created_at")
    .orderBy("name"),
);

export const caseParties = (db: Db, caseId: string) => partiesOfCase.all(db, { caseId });

export interface CaseFilter {
  tenantId: string;
  registryId?: string | undefined;
  unitId?: string | undefined;
  status?: CaseStatus | undefined;
  year?: number | undefined;
  officerId?: string | undefined;
  /** Keyset: continue after this (opened_on, id), newest first. */
  before?: { openedOn: string; id: string } | undefined;
  limit: number;
}

/** The cases that match the filter (all but the keyset), as a query to select from. */
function filteredCases(db: Db, f: Omit<CaseFilter, "before" | "limit">) {
  let q = db.selectFrom("cases").where("tenant_id", "=", f.tenantId);
  if (f.registryId) q = q.where("registry_id", "=", f.registryId);
  if (f.unitId) q = q.where("unit_id", "=", f.unitId);
  if (f.status) q = q.where("status", "=", f.status);
  if (f.year) q = q.where("year", "=", f.year);
  if (f.officerId) q = q.where("officer_id", "=", f.officerId);
  return q;
}

/** One page of the register, newest first; fetches one extra row to know whether more follow. */
export async function casePage(db: Db, f: CaseFilter): Promise<CaseRow[]> {
  let q = filteredCases(db, f).selectAll();
  if (f.before) {
    const { openedOn, id } = f.before;
    q = q.where((eb) =>
      eb.or([eb("opened_on", "<", openedOn), eb.and([eb("opened_on", "=", openedOn), eb("id", "<", id)])]),
    );
  }
  return q
    .orderBy("opened_on", "desc")
    .orderBy("id", "desc")
    .limit(f.limit + 1)
    .execute();
}

/** How many cases match the filter. */
export async function countCases(db: Db, f: Omit<CaseFilter, "before" | "limit">): Promise<number> {
  const row = await filteredCases(db, f)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Closed cases of a registry closed within a year, oldest first (the e-archive delivery of a year, R10). */
export const casesClosedInYear = (
  db: Db,
  tenantId: string,
  registryId: string,
  year: number,
  limit: number,
) =>
  db
    .selectFrom("cases")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("registry_id", "=", registryId)
    .where("status", "=", "closed")
    .where("closed_on", ">=", `${year}-01-01`)
    .where("closed_on", "<=", `${year}-12-31`)
    .orderBy("closed_on")
    .orderBy("diary_number")
    .limit(limit)
    .execute();
