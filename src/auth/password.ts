import { type Algorithm, hash, verify } from "@node-rs/argon2";
import { commonPasswords } from "./common-passwords.ts";
import { isTrivialPattern } from "./password-patterns.ts";

// argon2id (2 in the library's const enum); OWASP's baseline: 19 MiB memory, 2 passes, 1 lane.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of no password, verified against on unknown usernames so timing does not tell them apart. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword("kansli-decoy-password-never-used");
  return decoy;
}

export const PASSWORD_MIN = 15;
export const PASSWORD_MAX = 256;

export type PasswordProblem =
  | "too_short"
  | "too_long"
  | "common"
  | "contains_username"
  | "repetitive"
  | "pattern";

/**
 * Password rules in the spirit of NIST SP 800-63B rev. 4: long enough for a
 * password-only login, no composition rules, refuse known and trivially guessable ones.
 * Every place a password is set (admin user creation, `kansli user create`, the demo password)
 * goes through here.
 */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN) problems.push("too_short");
  if (length > PASSWORD_MAX) problems.push("too_long");
  const folded = password.toLowerCase();
  const common = commonPasswords();
  if (common.has(folded) || common.has(folded.replace(/[\d!?.]+$/, ""))) {
    problems.push("common");
  }
  if (username.length >= 3 && folded.includes(username.toLowerCase())) problems.push("contains_username");
  if (new Set(folded).size <= 3 && length >= PASSWORD_MIN) problems.push("repetitive");
  else if (length <= PASSWORD_MAX && isTrivialPattern(password)) problems.push("pattern");
  return problems;
}
