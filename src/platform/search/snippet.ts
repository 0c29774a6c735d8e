import { foldDiacritics, indexTerm } from "./normalise.ts";

/** A piece of a snippet; `match` marks a word that matched the query. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

const TOKEN = /([\p{L}\p{N}]+)|([^\p{L}\p{N}]+)/gu;

/**
 * A short excerpt around the first place in `text` where a query term occurs, with the
 * matching words marked. Matching compares index terms, so "forvaltning" marks "förvaltningen".
 * Reads the text only as far as the excerpt needs. Returns an empty list when no term occurs
 * (the caller may then show the title alone).
 */
export function snippet(text: string, terms: readonly string[], width = 24): SnippetPart[] {
  if (!mayContain(text, terms)) return [];
  const wanted = new Set(terms);
  const before: SnippetPart[] = [];
  const window: SnippetPart[] = [];
  let skipped = false;
  let more = false;
  for (const m of text.matchAll(TOKEN)) {
    const token = { text: m[1] ?? m[0].replace(/\s+/g, " "), match: false };
    if (window.length === 0) {
      token.match = m[1] !== undefined && wanted.has(indexTerm(m[1].toLowerCase()));
      if (!token.match) {
        before.push(token);
        if (before.length > width) {
          before.shift();
          skipped = true;
        }
        continue;
      }
      window.push(...before, token);
      continue;
    }
    if (window.length >= before.length + width * 2) {
      more = true;
      break;
    }
    token.match = m[1] !== undefined && wanted.has(indexTerm(m[1].toLowerCase()));
    window.push(token);
  }
  if (window.length === 0) return [];
  const parts: SnippetPart[] = skipped ? [{ text: "… ", match: false }] : [];
  for (const t of window) {
    const last = parts.at(-1);
    if (last && !last.match && !t.match) last.text += t.text;
    else parts.push({ ...t });
  }
  if (more) parts.push({ text: " …", match: false });
  return parts;
}

/**
 * False when no word of `text` can have one of the terms as its index term. A term is a word's
 * stem (the word less a suffix) with diacritics folded, so a word it matches, lower-cased and
 * folded, starts with it: a text that does not contain the term at all has no match, and is not
 * read word by word (most hits match in the title, and a case's text can be long).
 */
function mayContain(text: string, terms: readonly string[]): boolean {
  const folded = foldDiacritics(text.toLowerCase());
  return terms.some((t) => folded.includes(t));
}
