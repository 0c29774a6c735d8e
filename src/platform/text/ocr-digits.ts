/**
 * Digits as OCR misreads them in numbers: O for 0, l, I or | for 1, S for 5, B for 8. Pure.
 * Only characters inside a run of digits and separators are mended, so words stay as they are.
 */

const AS_DIGIT: Record<string, string> = { O: "0", o: "0", l: "1", I: "1", "|": "1", S: "5", B: "8" };
const CONFUSABLE = "[OolI|SB]";
/** A run with at least one digit, made of digits, confusable letters and the separators - / . : */
const NUMBER_RUN = new RegExp(`(?<![\\p{L}\\d])(?:[\\d]|${CONFUSABLE})(?:[\\d/.:-]|${CONFUSABLE})*`, "gu");

/**
 * The text with confusable letters in numbers read as digits ("2O24-O3-l5" → "2024-03-15",
 * "l5 mars" → "15 mars"). A run needs at least as many real digits as letters, so words
 * ("Oslo", "SOS") and single letters keep their letters. The length never changes.
 */
export function mendDigits(text: string): string {
  return text.replace(NUMBER_RUN, (run) => {
    const digits = (run.match(/\d/g) ?? []).length;
    const letters = run.length - digits - (run.match(/[/.:-]/g) ?? []).length;
    if (letters === 0 || letters > digits) return run;
    return asDigits(run);
  });
}

/** Every letter OCR confuses with a digit read as that digit ("Ju2O24" → "Ju2024"). */
export const asDigits = (text: string) => text.replace(new RegExp(CONFUSABLE, "g"), (c) => AS_DIGIT[c] ?? c);
