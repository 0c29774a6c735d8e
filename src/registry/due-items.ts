import type { Ctx } from "../platform/context.ts";
import { openDueItems } from "./documents.store.ts";

/** A document of one's own case that is due for a reply or an action (bevakning). */
export interface DueItem {
  documentId: string;
  description: string;
  dueDate: string;
  diaryNumber: string;
}

/** The open due items of the cases a person is the officer of, earliest first. */
export async function dueItemsOf(ctx: Ctx, officerId: string): Promise<DueItem[]> {
  const rows = await openDueItems(ctx.db, ctx.config.tenantId, officerId);
  return rows.map((r) => ({
    documentId: r.id,
    description: r.description,
    dueDate: r.due_date ?? "",
    diaryNumber: r.diary_number,
  }));
}
