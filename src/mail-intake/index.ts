/**
 * The mail intake (issue 22) as other folders see it: the registry's mailbox read over IMAP,
 * answers registered by the consultation's own rules, and the received-mail queue.
 */
export { readRegistryMailbox, startMailIntake } from "./intake-worker.ts";
export { mailIntakePlugin } from "./mail-intake.plugin.ts";
export type { ReceivedMail } from "./received-mail.model.ts";
export { mailQueue } from "./received-mail.service.ts";
