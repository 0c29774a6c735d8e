/**
 * The Snowball stemmer for Swedish (snowballstem.org/algorithms/swedish), so that
 * "remissinstans", "remissinstanser" and "remissinstansernas" meet in one index term.
 * Works on a lower-case word; short words come back unchanged.
 */
const VOWELS = new Set("aeiouyäåö");

const STEP1 = [
  "heterna",
  "hetens",
  "anden",
  "heten",
  "heter",
  "arnas",
  "ernas",
  "ornas",
  "andes",
  "arens",
  "andet",
  "arna",
  "erna",
  "orna",
  "ande",
  "arne",
  "aste",
  "aren",
  "ades",
  "erns",
  "ade",
  "are",
  "ern",
  "ens",
  "het",
  "ast",
  "ad",
  "en",
  "ar",
  "er",
  "or",
  "as",
  "es",
  "at",
  "a",
  "e",
]; // longest first
const S_ENDING = new Set("bcdfghjklmnoprtvy");
const STEP2 = ["dd", "gd", "nn", "dt", "gt", "kt", "tt"];

/** Start of R1: after the first non-vowel that follows a vowel, but at least 3 letters in. */
function regionOne(word: string): number {
  for (let i = 1; i < word.length; i++) {
    if (!VOWELS.has(word[i] as string) && VOWELS.has(word[i - 1] as string)) return Math.max(i + 1, 3);
  }
  return word.length;
}

export function stemSwedish(input: string): string {
  let word = input;
  if (word.length < 3) return word;
  const r1 = regionOne(word);
  const inR1 = (suffix: string) => word.endsWith(suffix) && word.length - suffix.length >= r1;

  const s1 = STEP1.find(inR1);
  if (s1) word = word.slice(0, -s1.length);
  // Unlike Snowball, the s-ending is also taken after a suffix, so that "remissinstans" and
  // "remissinstanser" (and "styrelse", "styrelsen") meet.
  if (inR1("s") && S_ENDING.has(word.at(-2) ?? "")) word = word.slice(0, -1);

  if (STEP2.some(inR1)) word = word.slice(0, -1);

  if (inR1("fullt")) word = word.slice(0, -1);
  else if (inR1("löst")) word = word.slice(0, -1);
  else {
    const s3 = ["lig", "els", "ig"].find(inR1);
    if (s3) word = word.slice(0, -s3.length);
  }
  return word;
}
