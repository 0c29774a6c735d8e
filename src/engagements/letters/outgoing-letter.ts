import { can, type UserActor } from "../../auth/index.ts";
import { letterheadFor } from "../../organisation/index.ts";
import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import { AppError, type FieldError } from "../../platform/errors.ts";
import {
  type Case,
  caseSubject,
  getCaseByDiaryNumber,
  type PreparedDocument,
  prepareDocument,
} from "../../registry/index.ts";

/**
 * The open case a letter or message is to be registered in, by its diary number, if `by` may
 * register a flow's letter there (`letter.register`); a problem is added to `errors` under
 * `field`, so a form reports it with its other errors.
 */
export async function openCaseFor(
  ctx: Ctx,
  by: UserActor,
  diaryNumber: string | undefined,
  errors: FieldError[],
  field = "diaryNumber",
): Promise<Case | null> {
  if (!diaryNumber) return null;
  try {
    const c = await getCaseByDiaryNumber(ctx, diaryNumber.trim());
    if (!can(by, "letter.register", caseSubject(c)))
      errors.push({ field, message: "followup.case_not_yours" });
    else if (c.status === "open") return c;
    else errors.push({ field, message: "followup.case_not_open" });
  } catch (error) {
    if (!(error instanceof AppError && error.status === 404)) throw error;
    errors.push({ field, message: "followup.case_unknown" });
  }
  return null;
}

/**
 * Prepares a letter kansli wrote (a Word file) as an outgoing document of the case: checked and
 * its file stored, to be written with `writePreparedDocument` in the command's transaction.
 */
export function prepareOutgoingLetter(
  ctx: Ctx,
  by: UserActor,
  caseId: string,
  letter: { description: string; party: string; documentType: string; fileName: string; bytes: Buffer },
): Promise<PreparedDocument> {
  return prepareDocument(
    ctx,
    by,
    caseId,
    {
      direction: "outgoing",
      description: letter.description,
      party: letter.party.slice(0, 300),
      documentType: letter.documentType,
    },
    { fileName: letter.fileName, bytes: letter.bytes },
  );
}

/** The city's template for a letter `by` writes in case `c` today: from the case's unit, `by` to contact and signing. */
export const caseLetterhead = (ctx: Ctx, by: UserActor, c: Case) =>
  letterheadFor(ctx, {
    unitId: c.unitId,
    diaryNumber: c.diaryNumber,
    date: stockholmDate(ctx.clock.now()),
    officerId: by.id,
    signatoryIds: [by.id],
  });
