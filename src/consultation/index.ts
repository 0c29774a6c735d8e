/**
 * The consultation domain (remiss, domain.md §4) as other domains see it: its routes as one
 * plugin, the steps of a round that the demo, the import and the command line take, and the
 * deadline rules the import proposes dates with. Everything else under this folder is private.
 *
 * Where each rule lives: `round/draft` (what a round is made of), `round/deadlines.ts` (§4a),
 * `round/send` (cover letter, distribution list, personal links), `round/answer` (answering and
 * declining), `round/extension` (a body's own later deadline), `round/reminder` (reminders and
 * the worker), `round/close` (closing, answers made public), `round/compile` (assessment and the
 * compilation of answers), `round/board` (the tracking board), `public/` (closed rounds in the
 * public register).
 */
export { consultationPlugin } from "./consultation.plugin.ts";
export { answerConsultation, declineConsultation } from "./round/answer/answer.command.ts";
export {
  answerByMail,
  bodiesAwaitingAnswer,
  extensionByMail,
  type MailBody,
} from "./round/answer/by-mail.ts";
export { type InboxItem, unitInbox } from "./round/answer/inbox.ts";
export { checkLinkUpload } from "./round/answer/link-upload.ts";
export { type OfficerTask, officerTasks } from "./round/board/officer-work.ts";
export { accessForUser } from "./round/body-access.ts";
export { closeConsultation } from "./round/close/close.command.ts";
export { assessAnswer } from "./round/compile/assessment.command.ts";
export { registerCompilation } from "./round/compile/compile.command.ts";
export { type RoundPositions, roundPositionsOfCase } from "./round/compile/positions.ts";
export type { ConsultationDetails, Position, Recipient } from "./round/consultation.model.ts";
export { allRecipients, getConsultation } from "./round/consultation.service.ts";
export { lastDayRule, proposeDeadline } from "./round/deadlines.ts";
export {
  createConsultation,
  prepareConsultation,
  writePreparedConsultation,
} from "./round/draft/draft.command.ts";
export { decideExtension, requestExtension } from "./round/extension/extension.command.ts";
export { runDueReminders, startReminderWorker } from "./round/reminder/reminder-worker.ts";
export { sendConsultation } from "./round/send/send.command.ts";
