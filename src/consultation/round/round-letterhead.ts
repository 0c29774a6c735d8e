import { letterheadFor } from "../../organisation/index.ts";
import type { Ctx } from "../../platform/context.ts";
import type { Letterhead } from "../../platform/text/letterhead.ts";
import type { Case } from "../../registry/index.ts";

/**
 * The city's template for a round's letters: from the case's unit, under its diary number, with
 * the round's officer to contact; signed by whoever decides (the officer, unless named; null for
 * an unsigned paper such as the compilation).
 */
export const roundLetterhead = (
  ctx: Ctx,
  c: Pick<Case, "unitId" | "diaryNumber">,
  officerId: string,
  date: string,
  signedBy: string | null = officerId,
): Promise<Letterhead> =>
  letterheadFor(ctx, {
    unitId: c.unitId,
    diaryNumber: c.diaryNumber,
    date,
    officerId,
    signatoryIds: signedBy ? [signedBy] : [],
  });
