import { auditBy, findUserById, type UserActor } from "../../../auth/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import { ConflictError, ValidationError } from "../../../platform/errors.ts";
import {
  getCase,
  getCaseDocuments,
  prepareDocument,
  writePreparedDocument,
} from "../../../registry/index.ts";
import { answerLinkUrl, linkLastDay, newAnswerLink } from "../answer-link.ts";
import { allowedActions } from "../consultation.model.ts";
import { allRecipients, getConsultation } from "../consultation.service.ts";
import { updateConsultationRow, updateRecipient } from "../consultation.store.ts";
import { checkDeadline } from "../deadlines.ts";
import { materialFor } from "../material.ts";
import { roundLetterhead } from "../round-letterhead.ts";
import { answerMailboxLines, bodyText, queueRoundMail, roundContact } from "../round-mail.ts";
import { requireRoundManagerOf } from "../round-manager.ts";
import { roundFor } from "../round-title.ts";
import { distributionList, type LetterFacts, letterWord, missiv, type RoundLetter } from "./letters.ts";
import { claimSending } from "./send.store.ts";

/**
 * The facts the cover letter and the distribution list are written from, on the day they go out.
 * The letters go to the bodies and into the public register, so they name the round and its
 * material as the public register shows them.
 */
export async function letterFacts(ctx: Ctx, consultationId: string): Promise<LetterFacts> {
  const consultation = await getConsultation(ctx, consultationId);
  const [c, documents, officer] = await Promise.all([
    getCase(ctx, consultation.caseId),
    getCaseDocuments(ctx, consultation.caseId),
    findUserById(ctx.db, ctx.config.tenantId, consultation.officerId),
  ]);
  return {
    consultation: roundFor(null, consultation, c),
    c,
    material: materialFor(
      null,
      c,
      documents.filter((d) => consultation.documentIds.includes(d.id)),
    ),
    officer: officer?.display_name ?? "",
    date: consultation.sentOn ?? stockholmDate(ctx.clock.now()),
  };
}

/**
 * Sends a draft consultation: the cover letter and the distribution list are generated as Word
 * files and registered as outgoing documents of the case, and every body gets a personal,
 * expiring answer link by e-mail (units without an address find it in their inbox page). All of
 * it commits together or not at all; a second send of the same round is refused.
 */
export async function sendConsultation(ctx: Ctx, by: UserActor, id: string) {
  const facts = await letterFacts(ctx, id);
  requireRoundManagerOf(by, facts.c);
  const k = facts.consultation;
  if (!allowedActions(k.status).includes("send"))
    throw new ConflictError(
      `a ${k.status} consultation cannot be sent`,
      [...allowedActions(k.status)],
      [{ field: "", message: "round.already_sent" }],
    );
  const check = checkDeadline(facts.date, k.deadline, { minimumWeeks: ctx.config.consultationMinWeeks });
  if (!check.ok) throw new ValidationError([{ field: "deadline", message: "round.deadline_passed" }]);

  const t = bodyText;
  const letterhead = await roundLetterhead(ctx, facts.c, k.officerId, facts.date);
  const prepareLetter = async (letter: RoundLetter, fileName: string, type: string) =>
    prepareDocument(
      ctx,
      by,
      k.caseId,
      {
        direction: "outgoing",
        date: facts.date,
        party: t("round.party_bodies"),
        description: letter.title,
        documentType: type,
      },
      { fileName, bytes: await letterWord(letter, letterhead) },
    );
  const missivPrepared = await prepareLetter(missiv(t, facts), "missiv.docx", "missiv");
  const listPrepared = await prepareLetter(
    distributionList(t, facts),
    "remitteringsmapp.docx",
    "remitteringsmapp",
  );
  const now = ctx.clock.now();
  const recipients = allRecipients(k).map((r) => ({ r, link: newAnswerLink() }));
  const lastDay = linkLastDay(k.deadline, ctx.config.consultationGraceDays);
  const contact = await roundContact(ctx, k);

  await ctx.db.transaction().execute(async (trx) => {
    // The status guard makes a second, simultaneous send fail instead of mailing twice.
    if (!(await claimSending(trx, id, facts.date, now)))
      throw new ConflictError(
        "the consultation was sent meanwhile",
        [],
        [{ field: "", message: "round.already_sent" }],
      );
    const missivDoc = await writePreparedDocument(ctx, trx, missivPrepared);
    const listDoc = await writePreparedDocument(ctx, trx, listPrepared);
    await updateConsultationRow(trx, id, { missiv_document_id: missivDoc.id, list_document_id: listDoc.id });
    for (const { r, link } of recipients) {
      await updateRecipient(trx, r.id, {
        state: "sent",
        sent_at: now.toISOString(),
        token_hash: link.hash,
        link_expires_at: lastDay,
      });
      await queueRoundMail(trx, ctx.config, now, {
        to: r.email,
        diaryNumber: facts.c.diaryNumber,
        subject: t("round.mail_sent_subject", { title: k.title }),
        officerId: k.officerId,
        lines: [
          t("round.mail_sent_intro", { body: r.name, title: k.title, deadline: k.deadline }),
          t("round.mail_link", { url: answerLinkUrl(ctx.config.publicUrl, link.secret), lastDay }),
          ...answerMailboxLines(ctx.config, facts.c.diaryNumber),
          k.instructions,
          contact,
        ],
      });
    }
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.send",
      subjectType: "consultation",
      subjectId: id,
      after: { sentOn: facts.date, recipients: recipients.length, documents: [missivDoc.id, listDoc.id] },
    });
  });
  return getConsultation(ctx, id);
}
