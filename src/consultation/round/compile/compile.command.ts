import { auditBy, type UserActor } from "../../../auth/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import { ConflictError } from "../../../platform/errors.ts";
import { writeWord } from "../../../platform/text/word-writer.ts";
import { getCase, getDocumentFiles, writePreparedDocument } from "../../../registry/index.ts";
import { allowedActions } from "../consultation.model.ts";
import { allRecipients, getConsultation } from "../consultation.service.ts";
import { updateConsultationRow } from "../consultation.store.ts";
import { prepareRoundDocument } from "../round-documents.ts";
import { roundLetterhead } from "../round-letterhead.ts";
import { bodyText } from "../round-mail.ts";
import { requireRoundManager } from "../round-manager.ts";
import { publicRoundTitle } from "../round-title.ts";
import { type Compilation, compilationBlocks, compile } from "./compile.rules.ts";

/**
 * The round's answers with their text as read from each answer's newest file version, for those
 * who run the round's case (403 for anyone else).
 */
export async function buildCompilation(
  ctx: Ctx,
  by: UserActor,
  consultationId: string,
): Promise<Compilation> {
  const k = await getConsultation(ctx, consultationId);
  const c = await requireRoundManager(ctx, by, k.caseId);
  const texts = new Map<string, string | null>();
  for (const r of allRecipients(k)) {
    if (!r.answerDocumentId) continue;
    const newest = (await getDocumentFiles(ctx, r.answerDocumentId)).at(-1);
    texts.set(r.answerDocumentId, newest?.text_content ?? null);
  }
  return compile(k, c.diaryNumber, texts);
}

/** The compilation is the office's paper on the city's template, unsigned, dated the day it is written. */
const compilationLetterhead = async (ctx: Ctx, x: Compilation) =>
  roundLetterhead(
    ctx,
    await getCase(ctx, x.consultation.caseId),
    x.consultation.officerId,
    stockholmDate(ctx.clock.now()),
    null,
  );

/** The compilation as a Word file, in Swedish: it is written for the city's decision. */
export async function compilationWord(ctx: Ctx, by: UserActor, consultationId: string): Promise<Buffer> {
  const x = await buildCompilation(ctx, by, consultationId);
  const { title, blocks } = compilationBlocks(bodyText, x);
  return writeWord(title, blocks, { letterhead: await compilationLetterhead(ctx, x) });
}

/** Registers the compilation as an internal document of the case; a later one replaces it as current. */
export async function registerCompilation(ctx: Ctx, by: UserActor, consultationId: string) {
  const x = await buildCompilation(ctx, by, consultationId);
  const k = x.consultation;
  if (!allowedActions(k.status).includes("compile"))
    throw new ConflictError(
      "a draft has no answers to compile",
      [...allowedActions(k.status)],
      [{ field: "", message: "round.not_sent" }],
    );
  const { title, blocks } = compilationBlocks(bodyText, x);
  // The register's description names the round as the public register may show it.
  const c = await getCase(ctx, k.caseId);
  const prepared = await prepareRoundDocument(ctx, by, k.caseId, {
    direction: "internal",
    party: bodyText("round.party_bodies"),
    description: bodyText("round.compilation_title", { title: publicRoundTitle(k, c) }),
    documentType: "remissammanstallning",
    file: {
      fileName: "sammanstallning-remissvar.docx",
      title,
      blocks,
      letterhead: await compilationLetterhead(ctx, x),
    },
  });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const doc = await writePreparedDocument(ctx, trx, prepared);
    await updateConsultationRow(trx, consultationId, {
      compilation_document_id: doc.id,
      updated_at: now.toISOString(),
    });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.compile",
      subjectType: "consultation",
      subjectId: consultationId,
      after: { documentId: doc.id },
    });
    return doc;
  });
}
