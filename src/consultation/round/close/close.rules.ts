import { linkLastDay } from "../answer-link.ts";

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
