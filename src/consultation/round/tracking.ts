/**
 * Per body the round tracks: sent, opened (acknowledged), extension asked or granted, answered on
 * time or late, declined, or no answer past the deadline (domain.md §4). These rules derive a
 * body's state from its stored facts and say which steps each state allows.
 */
import type {
  ConsultationStatus,
  RecipientAction,
  RecipientFacts,
  RecipientState,
} from "./consultation.model.ts";

const WAITING = ["answer", "decline", "ask_extension", "remind"] as const;

/** What may be done for a body in each state while the round is out; a closed round allows only the officer's assessment. */
export const RECIPIENT_ALLOWED = {
  not_sent: [],
  sent: WAITING,
  opened: WAITING,
  extension_asked: ["answer", "decline", "decide_extension", "remind"],
  extension_granted: WAITING,
  no_answer: WAITING,
  answered_on_time: ["assess"],
  answered_late: ["assess"],
  declined: [],
} as const satisfies Record<RecipientState, readonly RecipientAction[]>;

export function recipientActions(
  status: ConsultationStatus,
  state: RecipientState,
): readonly RecipientAction[] {
  const allowed: readonly RecipientAction[] = RECIPIENT_ALLOWED[state];
  return status === "sent" ? allowed : allowed.filter((a) => a === "assess" && status === "closed");
}

/** The deadline that applies to a body: its granted one, else the consultation's. */
export const effectiveDeadline = (consultationDeadline: string, ownDeadline: string | null): string =>
  ownDeadline ?? consultationDeadline;

/**
 * A body's tracking state on `today`. An answer counts as on time when it arrived on or before the
 * body's own deadline; a body past its deadline without an answer, decline or pending request is
 * "no answer" (the board highlights it as late), and so is every body without an answer or a
 * decline once the round is closed: nothing can come any more.
 */
export function trackingState(
  facts: RecipientFacts,
  consultationDeadline: string,
  today: string,
  roundClosed: boolean,
): RecipientState {
  if (facts.sendState === "not_sent") return "not_sent";
  const deadline = effectiveDeadline(consultationDeadline, facts.ownDeadline);
  if (facts.answeredOn) return facts.answeredOn <= deadline ? "answered_on_time" : "answered_late";
  if (facts.declinedOn) return "declined";
  if (roundClosed) return "no_answer";
  if (facts.extensionAsked) return "extension_asked";
  if (today > deadline) return "no_answer";
  if (facts.ownDeadline) return "extension_granted";
  return facts.openedAt ? "opened" : "sent";
}

/** States the board marks as late. */
export const isLate = (state: RecipientState) => state === "answered_late" || state === "no_answer";
