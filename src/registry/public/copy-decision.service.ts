import { auditBy, findUserById, type UserActor } from "../../auth/index.ts";
import { letterheadFor } from "../../organisation/index.ts";
import { appendAudit } from "../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../platform/context.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "../../platform/errors.ts";
import { translator } from "../../platform/i18n/index.ts";
import { type MailAttachment, queueMail } from "../../platform/mail/mail.service.ts";
import { changeCaseStatusIn, getCase } from "../cases.service.ts";
import {
  type CheckedDocument,
  checkDocument,
  getDocument,
  getDocumentFiles,
  type PreparedDocument,
  prepareChecked,
  prepareDocument,
  signOffIn,
  type UploadedFile,
  writePreparedDocument,
} from "../documents.service.ts";
import { groundNamed } from "../secrecy-grounds.model.ts";
import { getSecrecyGrounds } from "../secrecy-grounds.service.ts";
import { appealable, appealNotice, decisionLetter, decisionParagraphs } from "./copy-decision-letter.ts";
import { requesterParty } from "./copy-request-registration.ts";
import { checkDecision } from "./copy-requests.model.ts";
import {
  type Decided,
  decisionText,
  publicDescriptionOf,
  registerEarlierRequest,
} from "./copy-requests.service.ts";
import { findCopyRequestView, setDecisionDocument, updateNewCopyRequest } from "./copy-requests.store.ts";

/** The register's and the letter's language. */
const sv = translator("sv");

/** The requester's receipt page, where the decision is shown too. */
export const receiptPath = (id: string) => `/offentlig/begaran/${id}`;

/**
 * Decides a copy request (R12): checks the decision against the law and the document's secrecy
 * (every problem at once, nothing written), writes the decision as a Word letter registered as an
 * outgoing document in the request's case, and, when the requester gave an e-mail address, mails
 * it with the letter attached (and the copy, when it is released by e-mail); the request is signed
 * off with the decision and its case closed — all in one transaction, which a second decision on
 * the same request cannot pass (409). A partial release may bring the masked copy: it is
 * registered in the request's case too, and is what the mail carries instead of the original.
 */
export async function decideCopyRequest(
  ctx: Ctx,
  by: UserActor,
  id: string,
  input: unknown,
  maskedCopy: UploadedFile | null = null,
): Promise<void> {
  const row = await findCopyRequestView(ctx.db, ctx.config.tenantId, id);
  if (!row) throw new NotFoundError();
  if (row.status !== "new") throw new ConflictError("the request is already decided", []);
  const files = (await getDocumentFiles(ctx, row.document_id)).filter((f) => f.disposed_at === null);
  const copy = files.at(-1) ?? null;
  const { data, errors } = checkDecision(input, {
    secrecyProvision: row.secrecy_provision,
    requesterEmail: row.email,
    documentHasFile: copy !== null,
    maskedCopyGiven: maskedCopy !== null,
  });
  const masked = maskedCopy
    ? await checkMaskedCopy(ctx, row.requester_name, row.document_id, maskedCopy, errors)
    : null;
  const ground =
    data?.provision && data.outcome !== "sent"
      ? groundNamed(data.provision, await getSecrecyGrounds(ctx))
      : null;
  if (data?.provision && data.outcome !== "sent" && (!ground || ground.retiredAt))
    errors.push({ field: "provision", message: "requests.provision_unknown" });
  if (!data || errors.length > 0) throw new ValidationError(errors);

  const now = ctx.clock.now();
  if (!row.request_case_id) await registerEarlierRequest(ctx, row);
  const registered = row.request_case_id ? row : await findCopyRequestView(ctx.db, ctx.config.tenantId, id);
  const requestCase = await getCase(ctx, registered?.request_case_id ?? "");
  const requestDocument = registered?.request_document_id
    ? await getDocument(ctx, registered.request_document_id)
    : null;
  const decided: Decided = {
    outcome: data.outcome,
    note: data.outcome === "sent" ? null : (data.note ?? null),
    provision: ground?.citation ?? null,
    deliveredBy: data.outcome === "refused" ? null : (data.deliveredBy ?? null),
    decidedAt: now.toISOString(),
    decidedBy: by.displayName,
    requestNumber: requestCase.diaryNumber,
  };
  const text = await decisionText(ctx, row, decided);
  const letter = await prepareDocument(
    ctx,
    by,
    requestCase.id,
    {
      direction: "outgoing",
      party: requesterParty(row.requester_name).slice(0, 300),
      description: sv("requests.decision_description", { outcome: sv(`requests.outcome.${data.outcome}`) }),
      documentType: "beslut",
    },
    await decisionLetter(
      text,
      await letterheadFor(ctx, {
        unitId: requestCase.unitId,
        diaryNumber: requestCase.diaryNumber,
        date: stockholmDate(now),
        officerId: by.id,
        signatoryIds: [by.id],
      }),
    ),
  );
  const maskedDocument: PreparedDocument | null = masked
    ? await prepareChecked(ctx, by, requestCase.id, masked)
    : null;
  const attachments: MailAttachment[] = [];
  if (letter.fileRow) attachments.push(attachmentOf(letter.fileRow));
  if (decided.deliveredBy === "email") {
    // A partial release sends only the masked copy; the rules refuse one by e-mail without it.
    const sent = decided.outcome === "partly_sent" ? maskedDocument?.fileRow : copy;
    if (sent) attachments.push(attachmentOf(sent));
  }

  await ctx.db.transaction().execute(async (trx) => {
    const changed = await updateNewCopyRequest(trx, id, {
      outcome: decided.outcome,
      outcome_note: decided.note,
      provision: decided.provision,
      delivered_by: decided.deliveredBy,
      status: "handled",
      handled_by: by.id,
      handled_at: now.toISOString(),
    });
    if (changed === 0) throw new ConflictError("the request is already decided", []);
    // The request row is taken first (lock order: domain row, then the audit head the letter's
    // registration takes); it names the letter once the letter exists.
    await writePreparedDocument(ctx, trx, letter);
    if (maskedDocument) await writePreparedDocument(ctx, trx, maskedDocument);
    await setDecisionDocument(trx, id, letter.row.id);
    // The decision answers the request: the request is signed off with it and its case, which
    // holds nothing else, is closed (an appeal reopens it).
    if (requestDocument && !requestDocument.signedOffOn)
      await signOffIn(ctx, trx, by, requestDocument, "answered", letter.row.description.slice(0, 200));
    if (requestCase.status === "open") await changeCaseStatusIn(ctx, trx, by, requestCase.id, "close");
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "copy_request.decide",
      subjectType: "copy_request",
      subjectId: id,
      after: {
        outcome: decided.outcome,
        provision: decided.provision,
        note: decided.note,
        deliveredBy: decided.deliveredBy,
        decisionDocumentId: letter.row.id,
        maskedCopyDocumentId: maskedDocument?.row.id ?? null,
      },
    });
    if (row.email)
      await queueMail(trx, ctx.config.tenantId, now, {
        to: row.email,
        // The requester's questions about the decision reach the officer who took it.
        replyTo: (await findUserById(trx, ctx.config.tenantId, by.id))?.email ?? null,
        subject: sv("requests.mail_subject", { requestNumber: text.requestNumber }),
        text: [
          ...decisionParagraphs(sv, text),
          ...(appealable(text.outcome) ? [sv("decision.appeal_title"), appealNotice(sv, text)] : []),
          sv("requests.mail_link", { link: new URL(receiptPath(id), ctx.config.publicUrl).toString() }),
        ].join("\n\n"),
        attachments,
      });
  });
}

const attachmentOf = (f: { file_name: string; sha256: string; mime: string }): MailAttachment => ({
  fileName: f.file_name,
  sha256: f.sha256,
  mime: f.mime,
});

/**
 * The masked copy as an outgoing document of the request's case, checked like any upload; its
 * problems are reported on the form's masked-copy field.
 */
async function checkMaskedCopy(
  ctx: Ctx,
  requesterName: string | null,
  documentId: string,
  file: UploadedFile,
  errors: FieldError[],
): Promise<CheckedDocument | null> {
  const fileErrors: FieldError[] = [];
  const checked = await checkDocument(
    ctx,
    {
      direction: "outgoing",
      party: requesterParty(requesterName).slice(0, 300),
      description: sv("requests.masked_copy_description", {
        document: await publicDescriptionOf(ctx, documentId),
      }).slice(0, 1000),
      documentType: "kopia",
    },
    file,
    fileErrors,
  );
  errors.push(...fileErrors.map((e) => ({ ...e, field: "maskedCopy" })));
  return fileErrors.length === 0 ? checked : null;
}
