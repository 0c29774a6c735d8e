import { z } from "zod";
import { CASE_STATUSES } from "./cases.model.ts";

/** Each filter of the register list is read on its own: one bad value is dropped without losing the others. */
const listQuery = z.object({
  registryId: z.string().max(100).optional().catch(undefined),
  unitId: z.string().max(100).optional().catch(undefined),
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  year: z.coerce.number().int().min(1900).max(2200).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});
export type CaseListQuery = z.output<typeof listQuery>;

/** The list's filters from a query string, and the non-empty raw values to carry on in links. */
export function parseCaseListQuery(query: unknown): { raw: Record<string, string>; filter: CaseListQuery } {
  const raw = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).filter(
      (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
    ),
  );
  const parsed = listQuery.safeParse(raw);
  return { raw, filter: parsed.success ? parsed.data : {} };
}

/** A query string of the given values (those that are set), with a leading "?" when there are any. */
export function queryString(values: Record<string, string | undefined>): string {
  const p = new URLSearchParams(
    Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  return p.size > 0 ? `?${p}` : "";
}
