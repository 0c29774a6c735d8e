/**
 * Candidate spellings for a word damaged by OCR: å, ä and ö read as a, o, é, #, 4, 6 or i.
 * Pure; the dictionary decides which candidate is a word.
 */

/** What each damaged character may have been, most likely first. */
const CONFUSIONS: Record<string, readonly string[]> = {
  a: ["ä", "å"],
  o: ["ö"],
  é: ["ä", "å", "ö"],
  "#": ["ä", "å", "ö"],
  "4": ["ä", "å"],
  "6": ["ö", "å"],
  i: ["ä", "å", "ö"],
  // Some scanners' OCR reads ä and å as d ("ndmnden", "handldggare", "ndgra").
  d: ["ä", "å"],
};
/** Two characters OCR reads for one: "ié" and "ia" for ä ("Hiégersten", "striacker"), "éa" for å ("Kyrkogéardsnämnden"). */
const DIGRAPHS: Record<string, readonly string[]> = { ié: ["ä"], ia: ["ä"], éa: ["å", "ä"] };
/** Letters that are common in words and rarely misread: at most one of each is tried per word. */
const ONCE = new Set(["i", "d"]);
/** Characters that are never part of a Swedish word, so they must be replaced. */
const FOREIGN = new Set(["#", "4", "6", "é"]);
/** A word is repaired only if it has few places to try: the search grows with each one. */
const MAX_OPTIONAL_CHANGES = 3;
const MAX_CANDIDATES = 400;

/** A token the repair may touch: letters, possibly with the damage characters #, 4, 6 inside. */
export const REPAIRABLE = /^[\p{L}#46]+$/u;
export const hasLetter = (word: string) => /\p{L}/u.test(word);

export interface Candidate {
  word: string;
  changes: number;
  /** Lower is more likely: the sum of each replacement's rank in CONFUSIONS. */
  rank: number;
}

/**
 * Spellings the damaged word may stand for, fewest changes first. Characters that cannot be in a
 * word (#, 4, 6; é outside loanwords) must change; a, o and i may, up to three of them.
 */
export function candidates(word: string): Candidate[] {
  const lower = word.toLowerCase();
  const out: Candidate[] = [];
  const walk = (i: number, built: string, changes: number, optional: number, rank: number, used = "") => {
    if (out.length >= MAX_CANDIDATES) return;
    if (i === lower.length) {
      if (changes > 0) out.push({ word: built, changes, rank });
      return;
    }
    const ch = lower[i] ?? "";
    const must = ch === "#" || ch === "4" || ch === "6";
    // é stays a possibility (idé, armé); # 4 6 never do. Only a, o and i count towards the limit.
    const counted = !FOREIGN.has(ch);
    // "i" or "d" for å/ä/ö is a rarer misreading and words are full of both: at most one of each per word.
    const options = ONCE.has(ch) && used.includes(ch) ? [] : (CONFUSIONS[ch] ?? []);
    const usedNow = ONCE.has(ch) ? used + ch : used;
    if (!must) walk(i + 1, built + ch, changes, optional, rank, used);
    if (counted && optional >= MAX_OPTIONAL_CHANGES) return;
    for (const [r, o] of options.entries())
      walk(i + 1, built + o, changes + 1, counted ? optional + 1 : optional, rank + r, usedNow);
    for (const [r, o] of (DIGRAPHS[lower.slice(i, i + 2)] ?? []).entries())
      walk(i + 2, built + o, changes + 1, optional + 1, rank + r + 1, used);
  };
  walk(0, "", 0, 0, 0);
  out.push(...lostVowel(word));
  return out
    .map((c) => ({ ...c, word: withCaseOf(word, c.word) }))
    .sort((a, b) => a.changes - b.changes || frequent(b.word) - frequent(a.word) || a.rank - b.rank);
}

/**
 * A word of three letters or more with no vowel at all has lost one: OCR drops an å, ä or ö it
 * cannot read ("skl" for "skäl"). Each place between its letters is tried.
 */
function lostVowel(word: string): Candidate[] {
  // Only a word in lowercase: "SKL" and "Dnr" are abbreviations, not damaged words.
  if (word.length < 3 || /[aeiouyåäöé#46]/.test(word) || !/^\p{Ll}+$/u.test(word)) return [];
  const out: Candidate[] = [];
  for (let i = 1; i < word.length; i++)
    for (const [rank, vowel] of ["ä", "å", "ö"].entries())
      out.push({ word: word.slice(0, i) + vowel + word.slice(i), changes: 1, rank });
  return out;
}

/** The candidate written in the case of the original: "REMISS", "Remiss" or "remiss". */
function withCaseOf(original: string, word: string): string {
  const letters = original.replace(/[^\p{L}]/gu, "");
  if (letters.length > 1 && letters === letters.toUpperCase()) return word.toUpperCase();
  const first = original[0] ?? "";
  if (/\p{Lu}/u.test(first)) return word[0]?.toUpperCase() + word.slice(1);
  return word;
}

/** The capitalised form, for a damaged first letter whose case the OCR lost ("#ldrenämnden"). */
export const capitalised = (word: string) => (word[0]?.toUpperCase() ?? "") + word.slice(1);

/** True when the word holds a character that cannot be right (so it is damaged for sure). */
export const certainlyDamaged = (word: string) => /[#46]/.test(word);

/**
 * Very common words with å, ä or ö, preferred when two spellings are equally near:
 * "f#r" is "för" rather than "får", "b#r" "bör" rather than "bär".
 */
const FREQUENT = new Set(
  "för bör på så då när än även också både från över år två vår våra vårt där här nämnd nämnden ärende ärendet även följande några många själv sätt".split(
    " ",
  ),
);
const frequent = (word: string) => (FREQUENT.has(word.toLowerCase()) ? 1 : 0);
