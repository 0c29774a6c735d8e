import { can, type UserActor } from "../auth/index.ts";
import type { Ctx } from "../platform/context.ts";
import { ConflictError, type FieldError } from "../platform/errors.ts";
import { findCaseByDiaryNumber } from "./cases.store.ts";
import { formatDiaryNumber, parseAnyKnown, skippedNumbers } from "./diary-number.model.ts";
import { findRegistry, lastSeq } from "./registries.store.ts";

/** What numbering needs of a new case, read from raw input so its problems show with all others. */
export interface NumberingInput {
  registryId: string;
  diaryNumber: string | undefined;
  openedOn: string;
  backdateReason: string | undefined;
  confirmSkip: boolean;
}

export interface Numbering {
  year: number;
  seq: number;
  imported: string | null;
  /** Why a new number was given in an earlier year (R8); kept in the audit event. */
  backdateReason: string | null;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

export const numberingInput = (raw: Record<string, unknown>, openedOn: string): NumberingInput => ({
  registryId: text(raw.registryId) ?? "",
  diaryNumber: text(raw.diaryNumber),
  openedOn,
  backdateReason: text(raw.backdateReason),
  confirmSkip: raw.confirmSkip === true || raw.confirmSkip === "true" || raw.confirmSkip === "on",
});

/**
 * The number a new case gets (R8): the next in its registry's year, or an imported one kept as it
 * is. The series holds: no year after the current one (Stockholm time); a new number in an earlier
 * year only by registry staff giving a reason (the system's own seeding excepted); an imported
 * number that jumps over numbers of a series only once confirmed (a 409 saying how many).
 */
export async function numbering(
  ctx: Ctx,
  by: UserActor | "system",
  input: NumberingInput,
  today: string,
  errors: FieldError[],
): Promise<Numbering | null> {
  const thisYear = Number(today.slice(0, 4));
  const openedYear = Number(input.openedOn.slice(0, 4));
  if (openedYear > thisYear)
    errors.push({ field: "openedOn", message: "case.future_year", params: { year: thisYear } });
  if (!input.registryId) return null;
  const registry = await findRegistry(ctx.db, ctx.config.tenantId, input.registryId);
  if (!registry) {
    errors.push({ field: "registryId", message: "case.registry_unknown" });
    return null;
  }
  if (!input.diaryNumber) {
    if (openedYear >= thisYear || by === "system")
      return { year: openedYear, seq: 0, imported: null, backdateReason: input.backdateReason ?? null };
    if (!can(by, "case.backdate"))
      errors.push({ field: "openedOn", message: "case.backdate_not_allowed", params: { year: thisYear } });
    else if (!input.backdateReason)
      errors.push({ field: "backdateReason", message: "case.backdate_reason_required" });
    return { year: openedYear, seq: 0, imported: null, backdateReason: input.backdateReason ?? null };
  }
  const parts = parseAnyKnown(registry.prefix, input.diaryNumber, registry.number_pattern);
  if (!parts) {
    errors.push({ field: "diaryNumber", message: "case.diary_number_format" });
    return null;
  }
  if (parts.year > thisYear) {
    errors.push({ field: "diaryNumber", message: "case.future_year", params: { year: thisYear } });
    return null;
  }
  const imported = input.diaryNumber.replace(/\s+/g, " ");
  if (await findCaseByDiaryNumber(ctx.db, ctx.config.tenantId, imported)) {
    errors.push({ field: "diaryNumber", message: "case.diary_number_taken" });
    return null;
  }
  const last = await lastSeq(ctx.db, registry.id, parts.year);
  const skipped = skippedNumbers(parts.seq, last, parts.year === thisYear);
  if (skipped > 0 && !input.confirmSkip && errors.length === 0) {
    const next = formatDiaryNumber(registry.number_pattern, { ...parts, seq: (last ?? 0) + 1 });
    // The one way on: the same request with the skip confirmed.
    throw new ConflictError(
      `the number skips ${skipped} numbers of the series`,
      ["confirmSkip"],
      [{ field: "confirmSkip", message: "case.diary_number_skips", params: { count: skipped, next } }],
    );
  }
  return { year: parts.year, seq: parts.seq, imported, backdateReason: null };
}
