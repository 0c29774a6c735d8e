import { auditBy, type UserActor } from "../../../auth/index.ts";
import { appendAudit } from "../../../platform/audit/audit.service.ts";
import { stockholmDate } from "../../../platform/calendar/civil-date.ts";
import type { Ctx } from "../../../platform/context.ts";
import { ConflictError, ValidationError } from "../../../platform/errors.ts";
import { writePreparedDocument } from "../../../registry/index.ts";
import { allowedActions } from "../consultation.model.ts";
import { allRecipients } from "../consultation.service.ts";
import { prepareRoundDocument } from "../round-documents.ts";
import { roundLetterhead } from "../round-letterhead.ts";
import { bodyText, queueRoundMail } from "../round-mail.ts";
import { requireRoundManagerOf } from "../round-manager.ts";
import { letterLines, meetingInvitation } from "../send/letters.ts";
import { letterFacts } from "../send/send.command.ts";
import { readMeeting } from "./meeting.rules.ts";

/**
 * Calls the bodies of a round that is out to a consultation meeting: the invitation is written
 * from the officer's day, time and place, registered as an outgoing Word document of the case
 * like the round's other letters, and, when asked, mailed to every body with an address, all in
 * one transaction. Returns the registered document.
 */
export async function inviteToMeeting(ctx: Ctx, by: UserActor, consultationId: string, input: unknown) {
  const today = stockholmDate(ctx.clock.now());
  const facts = { ...(await letterFacts(ctx, consultationId)), date: today };
  requireRoundManagerOf(by, facts.c);
  const k = facts.consultation;
  if (!allowedActions(k.status).includes("invite"))
    throw new ConflictError(
      `a ${k.status} consultation has no meeting to call`,
      [...allowedActions(k.status)],
      [{ field: "", message: k.status === "closed" ? "round.closed" : "round.not_sent" }],
    );
  const read = readMeeting(input, today);
  if (!read.meeting) throw new ValidationError(read.errors);
  const t = bodyText;
  const letter = meetingInvitation(t, facts, read.meeting);
  const prepared = await prepareRoundDocument(ctx, by, k.caseId, {
    direction: "outgoing",
    party: t("round.party_bodies"),
    description: letter.title,
    documentType: "kallelse",
    file: {
      fileName: "kallelse-remissmote.docx",
      title: letter.title,
      blocks: letter.blocks,
      letterhead: await roundLetterhead(ctx, facts.c, k.officerId, today),
    },
  });
  const now = ctx.clock.now();
  const mailed = read.mail ? allRecipients(k).filter((r) => r.state !== "not_sent" && r.email) : [];
  return ctx.db.transaction().execute(async (trx) => {
    const doc = await writePreparedDocument(ctx, trx, prepared);
    for (const r of mailed)
      await queueRoundMail(trx, ctx.config, now, {
        to: r.email,
        diaryNumber: facts.c.diaryNumber,
        subject: t("round.meeting_mail_subject", { title: k.title }),
        officerId: k.officerId,
        lines: [t("round.meeting_mail_to", { body: r.name }), ...letterLines(letter)],
      });
    await appendAudit(trx, ctx.config.tenantId, now, {
      ...auditBy(by),
      action: "consultation.meeting_invitation",
      subjectType: "consultation",
      subjectId: consultationId,
      after: { documentId: doc.id, ...read.meeting, mailed: mailed.length },
    });
    return doc;
  });
}
