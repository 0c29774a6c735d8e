/**
 * Trivial patterns that long passwords are made of and guessing tools try first: runs along the
 * alphabet, the digits or a (Swedish) keyboard row or column, in either direction, one character
 * repeated, and one piece repeated ("abcabcabc…", "kansli2026kansli2026").
 */
const SEQUENCES = [
  "0123456789",
  "abcdefghijklmnopqrstuvwxyzåäö",
  "§1234567890+´",
  "qwertyuiopå¨",
  "asdfghjklöä'",
  "<zxcvbnm,.-",
  ...["1qaz", "2wsx", "3edc", "4rfv", "5tgb", "6yhn", "7ujm", "8ik,", "9ol.", "0pö-"],
];

type Step = (a: string, b: string) => boolean;

const STEPS: Step[] = [
  (a, b) => a === b,
  ...SEQUENCES.flatMap((sequence) =>
    [1, -1].map(
      (direction): Step =>
        (a, b) => {
          const at = sequence.indexOf(a);
          return at >= 0 && sequence.indexOf(b) === at + direction;
        },
    ),
  ),
];

/** The longest run from `start` that keeps to one kind of step. */
function runFrom(chars: string[], start: number): number {
  let longest = 1;
  for (const step of STEPS) {
    let end = start;
    while (end + 1 < chars.length && step(chars[end] as string, chars[end + 1] as string)) end++;
    longest = Math.max(longest, end - start + 1);
  }
  return longest;
}

/** Made wholly of runs of at least three (the last may be shorter): "1234567890123", "qwertyasdfgh". */
function onlyRuns(chars: string[]): boolean {
  let at = 0;
  while (at < chars.length) {
    const run = runFrom(chars, at);
    if (run < 3 && at + run < chars.length) return false;
    at += run;
  }
  return true;
}

/** One piece, at most half as long as the whole, repeated (the last time perhaps in part). */
function repeatedPiece(chars: string[]): boolean {
  for (let period = 1; period <= chars.length / 2; period++) {
    if (chars.every((c, i) => i < period || c === chars[i - period])) return true;
  }
  return false;
}

export function isTrivialPattern(password: string): boolean {
  const chars = [...password.toLowerCase()];
  return chars.length > 0 && (onlyRuns(chars) || repeatedPiece(chars));
}
