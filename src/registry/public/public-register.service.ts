import type { Ctx } from "../../platform/context.ts";
import { getCaseByDiaryNumber, getParties } from "../cases.service.ts";
import { casePage, toCase } from "../cases.store.ts";
import { getCaseDocuments } from "../documents.service.ts";
import { type PublicCase, type PublicDocument, publicCase, publicDocument } from "./public-view.ts";

export interface PublicCaseRecord extends PublicCase {
  id: string;
  documents: PublicDocument[];
}

/** A case as the public register shows it, found by its diary number. */
export async function publicCaseByDiaryNumber(ctx: Ctx, diaryNumber: string): Promise<PublicCaseRecord> {
  const c = await getCaseByDiaryNumber(ctx, diaryNumber);
  const [parties, documents] = await Promise.all([getParties(ctx, c.id), getCaseDocuments(ctx, c.id)]);
  return {
    id: c.id,
    ...publicCase(c, parties),
    documents: documents.map(publicDocument).filter((d) => d !== null),
  };
}

/** The most recently opened cases, for browsing the public register. */
export async function latestPublicCases(ctx: Ctx, limit: number): Promise<PublicCase[]> {
  const rows = await casePage(ctx.db, { tenantId: ctx.config.tenantId, limit });
  return rows.slice(0, limit).map((r) => publicCase(toCase(r), []));
}

/** The public register's address of a case: the diary number, URL-encoded ("KS%20171-482%2F2016"). */
export const publicCaseHref = (diaryNumber: string) =>
  `/offentlig/arenden/${encodeURIComponent(diaryNumber)}`;
