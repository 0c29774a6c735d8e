import { linkLastDay } from "../answer-link.ts";
import type { RecipientState } from "../consultation.model.ts";

/** The hold that keeps a round's answers out of the public register until the round closes. */
export const publicHoldOf = (consultationId: string) => `consultation:${consultationId}`;

/**
 * The last day a round takes answers: the latest of its deadline and the bodies' own deadlines
 * (granted extensions), plus the days late answers are taken. After it the round closes itself.
 */
export function lastAnsweringDay(
  roundDeadline: string,
  bodyDeadlines: readonly string[],
  graceDays: number,
): string {
  // ISO dates sort as text.
  const last = [roundDeadline, ...bodyDeadlines].sort().at(-1) ?? roundDeadline;
  return linkLastDay(last, graceDays);
}

/** A body as closing looks at it: who it is, the deadline that applies to it and where it stands. */
export interface BodyAtClosing {
  name: string;
  deadline: string;
  state: RecipientState;
}

const hasReplied = (state: RecipientState) =>
  state === "answered_on_time" || state === "answered_late" || state === "declined";

/**
 * Whether closing today is early: some body that has neither answered nor declined still has
 * time (today is on or before the round's deadline or its own granted one). Returns the bodies
 * without a reply, to name them when asking the officer to confirm; null when closing is not early.
 */
export function earlyClosing(bodies: readonly BodyAtClosing[], today: string): BodyAtClosing[] | null {
  const waiting = bodies.filter((b) => b.state !== "not_sent" && !hasReplied(b.state));
  return waiting.some((b) => today <= b.deadline) ? waiting : null;
}
