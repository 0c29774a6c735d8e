import { addCivilDays } from "../../platform/calendar/civil-date.ts";
import { digest, newSecret } from "../../platform/ids.ts";

/**
 * A body's personal answer link: 256 random bits in the URL, only their SHA-256 in the database,
 * so neither a database copy nor a guess opens someone else's answer page.
 */
export function newAnswerLink(): { secret: string; hash: string } {
  const secret = newSecret();
  return { secret, hash: digest(secret) };
}

export const answerLinkHash = (secret: string): string => digest(secret);

export const answerLinkUrl = (publicUrl: string, secret: string): string => `${publicUrl}/svar/${secret}`;

/** The last day a link works: the body's deadline plus the days late answers are taken. */
export const linkLastDay = (deadline: string, graceDays: number): string => addCivilDays(deadline, graceDays);

/** A link secret as generated: base64url of 32 bytes. Anything else is refused before a lookup. */
export const isLinkSecret = (value: string): boolean => /^[A-Za-z0-9_-]{43}$/.test(value);
