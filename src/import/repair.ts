import { mendWrappedCells, separateColumns, stripRunningLines } from "./layout.ts";
import type { Lexicon } from "./lexicon.ts";
import { candidates, capitalised, certainlyDamaged, hasLetter, REPAIRABLE } from "./words.ts";

export interface WordChange {
  before: string;
  after: string;
}
export interface Repaired {
  text: string;
  changes: WordChange[];
}

/** A chunk of a line without its surrounding punctuation. */
const CORE = /^([("'«„”]*)(.*?)([.,;:!?)"'»”]*)$/su;
const WORD_AT_END = /(\S+)$/;
const WORD_AT_START = /^(\S+)/;
/** Words after which a hyphen ends a suspended compound ("Miljö- och hälsoskyddsnämnden"). */
const SUSPENDING = new Set(["och", "eller", "samt", "resp", "respektive", "till"]);

interface Break {
  line: number;
  head: string;
  tail: string;
  hyphen: boolean;
}

/**
 * Repairs text read by OCR (or from a damaged text layer): running headers and footers and side-
 * by-side columns first (layout.ts), then words broken over lines (with or without a hyphen),
 * then characters misread for å, ä and ö. A word the dictionary already knows is never changed;
 * a damaged word is replaced only by a dictionary word with the fewest changes. The lexicon is
 * asked once for everything (one hunspell run).
 */
export async function repairOcrText(raw: string, lexicon: Lexicon): Promise<Repaired> {
  const laidOut = repairEmails(
    separateColumns(mendWrappedCells(stripRunningLines(raw.replace(/\r\n?/g, "\n")))),
  );
  const lines = laidOut.split("\n").map((l) => l.replace(/\s+$/, ""));
  const breaks = findBreaks(lines);
  const words = new Set<string>();
  const ask = (w: string) => {
    words.add(w);
    for (const c of candidates(w)) words.add(c.word);
    if (/^[#46]/.test(w)) for (const c of candidates(w)) words.add(capitalised(c.word));
  };
  for (const line of lines) for (const w of repairableWords(line)) ask(w);
  for (const b of breaks) {
    for (const w of [b.head, b.tail, b.head + b.tail]) if (REPAIRABLE.test(w)) ask(w);
    if (b.hyphen) words.add(`${b.head}-${b.tail}`);
  }
  const valid = await lexicon.valid([...words]);
  const fix = (w: string, atStart = false) => bestSpelling(w, valid, atStart);

  const joined = applyBreaks(lines, breaks, fix);
  const changes: WordChange[] = [];
  const text = joined
    .map((line) =>
      line.replace(/\S+/g, (chunk, offset: number) => {
        const [, open = "", core = "", close = ""] = CORE.exec(chunk) ?? [];
        // A word that starts a line or a sentence may have had a capital the OCR lost.
        const atStart = /^\s*$/.test(line.slice(0, offset)) || /[.!?:]\s*$/.test(line.slice(0, offset));
        // Parts of a compound with a hyphen or a slash are words of their own ("handläggare/sekreterare").
        // An identifier ("M2011/1516/Ma", "KS-2023-01234") is no word: its letters stay as written.
        const repaired = IDENTIFIER.test(core)
          ? core
          : core
              .split(/([-/])/)
              .map((part, i) => (isRepairable(part) ? (fix(part, atStart && i === 0) ?? part) : part))
              .join("");
        if (repaired !== core) changes.push({ before: core, after: repaired });
        return open + repaired + close;
      }),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return changes.length >= DAMAGED ? withTwinsRepaired(text, changes) : { text, changes };
}

/** Words changed before a document counts as read by a damaging OCR (a clean letter has none). */
const DAMAGED = 3;
/**
 * Words that are Swedish words themselves but, in a text the OCR damaged, are nearly always its
 * misreading of a very common word: "for" (fared) for "för", "ar" (are) and "dr" for "är".
 */
const TWINS: Record<string, string> = { for: "för", ar: "är", dr: "är", For: "För", Ar: "Är" };
/** English words around "for" keep it English ("Agency for Marine and Water Management"). */
const ENGLISH =
  /^(the|a|an|and|of|to|in|on|agency|office|council|centre|center|institute|management|research|european)$/i;

function withTwinsRepaired(text: string, changes: WordChange[]): Repaired {
  const out = text.replace(
    /(\S*)(\s+|^)\b(for|ar|dr|For|Ar)\b(?=[\s,.:;]|$)(\s+\S+)?/gm,
    (all, before: string, space: string, word: string, after = "") => {
      const neighbours = [before, after.trim()].map((w) => w.replace(/[^\p{L}]/gu, ""));
      if (neighbours.some((w) => ENGLISH.test(w))) return all;
      const twin = TWINS[word] ?? word;
      changes.push({ before: word, after: twin });
      return `${before}${space}${twin}${after}`;
    },
  );
  return { text: out, changes };
}

/** Digits in a group of two or more: a number, not a word the OCR damaged (which holds at most a stray 4 or 6). */
const IDENTIFIER = /\d{2,}/;
const isRepairable = (part: string) => REPAIRABLE.test(part) && hasLetter(part);

function repairableWords(line: string): string[] {
  const out: string[] = [];
  for (const chunk of line.split(/\s+/)) {
    const core = CORE.exec(chunk)?.[2] ?? "";
    if (!IDENTIFIER.test(core)) for (const part of core.split(/[-/]/)) if (isRepairable(part)) out.push(part);
  }
  return out;
}

/**
 * The word as it should read: itself when valid; else the valid candidate with the fewest
 * changes (the likelier confusion on a tie); null when nothing fits. A damaged first character
 * ("#ldrenämnden") may hide a capital: capitalised at the start of a line or sentence.
 */
function bestSpelling(word: string, valid: Set<string>, atStart: boolean): string | null {
  if (valid.has(word) && !certainlyDamaged(word)) return word;
  if (word.includes("-")) return null;
  const lostCapital = /^[#46]/.test(word);
  for (const c of candidates(word)) {
    if (lostCapital && atStart && valid.has(capitalised(c.word))) return capitalised(c.word);
    if (valid.has(c.word)) return c.word;
    if (lostCapital && valid.has(capitalised(c.word))) return capitalised(c.word);
  }
  return null;
}

/** Places where the last word of a line may continue on the next line (which starts in lowercase). */
function findBreaks(lines: string[]): Break[] {
  const out: Break[] = [];
  lines.forEach((line, i) => {
    const next = lines[i + 1] ?? "";
    const head = WORD_AT_END.exec(line)?.[1] ?? "";
    const tailChunk = WORD_AT_START.exec(next.trimStart())?.[1] ?? "";
    const tail = CORE.exec(tailChunk)?.[2] ?? "";
    const hyphen = /^[\p{L}#46]+-$/u.test(head);
    if (!head || !tail || tail !== tailChunk.replace(/[.,;:!?)]+$/, "")) return;
    if (!(hyphen ? /^[\p{L}#46]/u : /^[\p{Ll}#46]/u).test(tail)) return;
    const bare = hyphen ? head.slice(0, -1) : head;
    if (!REPAIRABLE.test(bare) || !REPAIRABLE.test(tail)) return;
    out.push({ line: i, head: bare, tail, hyphen });
  });
  return out;
}

/**
 * Joins broken words. After a hyphen: kept for a suspended compound ("miljö- och"), kept and
 * joined before a capital ("Hägersten-Liljeholmen"), else joined without it. Without a hyphen:
 * joined only when one half is not a word and the whole is one ("remissin" + "stanser").
 */
function applyBreaks(lines: string[], breaks: Break[], fix: (w: string) => string | null): string[] {
  const out = [...lines];
  const emptied = new Set<number>();
  for (const b of breaks) {
    const line = out[b.line] ?? "";
    const next = (out[b.line + 1] ?? "").trimStart();
    const ending = b.hyphen ? `${b.head}-` : b.head;
    if (!line.endsWith(ending) || !next.startsWith(b.tail)) continue; // changed by an earlier join
    let word: string | null = null;
    if (b.hyphen) {
      if (SUSPENDING.has(b.tail.toLowerCase())) continue;
      // "e-" + "post" is "e-post", "remiss-" + "instanser" is "remissinstanser".
      const keepHyphen =
        /^\p{Lu}/u.test(b.tail) || (fix(b.head + b.tail) === null && fix(`${b.head}-${b.tail}`) !== null);
      word = keepHyphen ? `${b.head}-${b.tail}` : b.head + b.tail;
    } else if ((fix(b.head) === null || fix(b.tail) === null) && fix(b.head + b.tail) !== null) {
      word = b.head + b.tail;
    }
    if (word === null) continue;
    const rest = next.slice(b.tail.length);
    const punctuation = /^[.,;:!?)]*/.exec(rest)?.[0] ?? "";
    out[b.line] = line.slice(0, line.length - ending.length) + word + punctuation;
    out[b.line + 1] = rest.slice(punctuation.length).trimStart();
    if (out[b.line + 1] === "") emptied.add(b.line + 1);
  }
  return out.filter((_, i) => !emptied.has(i));
}

/**
 * OCR reads "@" as Q, Ö, © or ® — or two of them, "ÖQ" — with or without a space:
 * "registratorQ boverket.se" and "SLKÖQstockholm.se" are addresses.
 */
export function repairEmails(text: string): string {
  return text.replace(
    /(?<![\w@.])([\w.+-]*[a-zA-Z0-9])\s?[Q©®Ö]{1,2}\s?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,10})\b/g,
    "$1@$2",
  );
}
