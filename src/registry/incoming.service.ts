import { can, type UserActor } from "../auth/index.ts";
import type { Ctx } from "../platform/context.ts";
import { type FieldError, ValidationError } from "../platform/errors.ts";
import { dedupe } from "../platform/validation.ts";
import { caseSubject } from "./case-visibility.ts";
import { allowedActions, type Case } from "./cases.model.ts";
import { type PreparedCase, prepareCase, writePreparedCase } from "./cases.service.ts";
import { findCaseByDiaryNumber, toCase } from "./cases.store.ts";
import { inFormOrder, type RegistryDocument } from "./documents.model.ts";
import {
  checkDocument,
  prepareChecked,
  type UploadedFile,
  writePreparedDocument,
} from "./documents.service.ts";

/** The case fields of the one-step form, passed to the new case as they are. */
const NEW_CASE_FIELDS = ["registryId", "title", "publicTitle", "classId", "unitId", "officerId"] as const;
/** The document fields of the one-step form; the direction is always incoming. */
const DOCUMENT_FIELDS = [
  "date",
  "foundAtFirstOpening",
  "party",
  "description",
  "documentType",
  "dueDate",
  "secrecyProvision",
  "secrecyMarkedOn",
  "secrecyAuthority",
  "publicDescription",
  "publicParty",
] as const;

const pick = (input: Record<string, string>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));

/**
 * Registers incoming post in one step (issue 17): the document is filed into an open case named by
 * its diary number, or into a new case opened with it, its sender as the case's party. The case and
 * the document are checked together — every problem of both at once — and written in one
 * transaction, so a refused document never leaves a new case behind. For registry staff (who may
 * open cases); filing into an existing case also needs the right to write to that case.
 */
export async function registerIncoming(
  ctx: Ctx,
  by: UserActor,
  input: Record<string, string>,
  file: UploadedFile | null,
): Promise<{ case: Case; document: RegistryDocument }> {
  const errors: FieldError[] = [];
  const target = await targetCase(ctx, by, input, errors);
  const checked = await checkDocument(
    ctx,
    { ...pick(input, DOCUMENT_FIELDS), direction: "incoming" },
    file,
    errors,
  );
  if (!target || !checked || errors.length > 0) throw new ValidationError(inFormOrder(dedupe(errors)));
  const caseId = "existing" in target ? target.existing.id : target.prepared.id;
  const prepared = await prepareChecked(ctx, by, caseId, checked);
  return ctx.db.transaction().execute(async (trx) => {
    const c = "existing" in target ? target.existing : await writePreparedCase(ctx, trx, target.prepared);
    return { case: c, document: await writePreparedDocument(ctx, trx, prepared) };
  });
}

type Target = { existing: Case } | { prepared: PreparedCase };

/** The case the post goes into, or null with the reasons in `errors`. */
async function targetCase(
  ctx: Ctx,
  by: UserActor,
  input: Record<string, string>,
  errors: FieldError[],
): Promise<Target | null> {
  if (input.caseChoice === "existing") {
    const number = (input.caseNumber ?? "").trim();
    const row = number ? await findCaseByDiaryNumber(ctx.db, ctx.config.tenantId, number) : null;
    const c = row ? toCase(row) : null;
    const problem = !number
      ? "incoming.case_number_required"
      : !c
        ? "incoming.case_not_found"
        : !can(by, "document.create", caseSubject(c))
          ? "incoming.case_not_permitted"
          : !allowedActions(c.status).includes("add_document")
            ? "incoming.case_closed"
            : null;
    if (problem || !c) {
      errors.push({ field: "caseNumber", message: problem ?? "incoming.case_not_found", params: { number } });
      return null;
    }
    return { existing: c };
  }
  if (input.caseChoice !== "new") {
    errors.push({ field: "caseChoice", message: "incoming.case_choice_required" });
    return null;
  }
  const sender = (input.party ?? "").trim();
  try {
    const prepared = await prepareCase(ctx, by, {
      ...pick(input, NEW_CASE_FIELDS),
      ...(sender ? { parties: [{ name: sender }] } : {}),
    });
    return { prepared };
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    // The sender is the document's field on this form; its problems are reported there.
    errors.push(...e.fields.map((f) => (f.field.startsWith("parties") ? { ...f, field: "party" } : f)));
    return null;
  }
}
