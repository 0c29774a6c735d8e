import { stemSwedish } from "./swedish-stem.ts";

/** å, ä, ö (and é, ü, …) to their base letters, so "forvaltning" finds "förvaltning". */
export const foldDiacritics = (text: string): string => text.normalize("NFD").replace(/\p{M}+/gu, "");

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, lower-cased, in order. */
export const words = (text: string): string[] => text.toLowerCase().match(WORD) ?? [];

const terms = new Map<string, string>();
/** Words recur (a register's vocabulary is small next to its text), so their terms are remembered, up to a bound. */
const TERM_CACHE = 100_000;

/** One word as the index holds it: stemmed as Swedish, then folded. */
export function indexTerm(word: string): string {
  let term = terms.get(word);
  if (term === undefined) {
    term = foldDiacritics(stemSwedish(word));
    if (terms.size >= TERM_CACHE) terms.clear();
    terms.set(word, term);
  }
  return term;
}

/** A whole text as the SQLite index holds it: one index term per word. */
export const indexText = (text: string): string => words(text).map(indexTerm).join(" ");

/** The search terms of a query, deduplicated and capped so a pasted page cannot make a huge query. */
export function queryTerms(query: string): string[] {
  return [...new Set(words(query).map(indexTerm))].filter((t) => t.length > 0).slice(0, 12);
}

/**
 * A text as PostgreSQL's index is given it: folded, plain words only (its parser would
 * otherwise keep "2016/1" or an address as one token); the swedish configuration stems it.
 */
export const postgresText = (text: string): string => words(foldDiacritics(text)).join(" ");
