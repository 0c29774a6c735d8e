import { indexTerm } from "./normalise.ts";

/** A piece of a snippet; `match` marks a word that matched the query. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

const TOKEN = /([\p{L}\p{N}]+)|([^\p{L}\p{N}]+)/gu;

/**
 * A short excerpt around the first place in `text` where a query term occurs, with the
 * matching words marked. Matching compares index terms, so "forvaltning" marks "förvaltningen".
 * Returns an empty list when no term occurs (the caller may then show the title alone).
 */
export function snippet(text: string, terms: readonly string[], width = 24): SnippetPart[] {
  const wanted = new Set(terms);
  const tokens = [...text.replace(/\s+/g, " ").matchAll(TOKEN)].map((m) => ({
    text: m[0],
    match: m[1] !== undefined && wanted.has(indexTerm(m[1].toLowerCase())),
  }));
  const first = tokens.findIndex((t) => t.match);
  if (first < 0) return [];
  const start = Math.max(0, first - width / 2);
  const window = tokens.slice(start, start + width * 2);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: "… ", match: false });
  for (const t of window) {
    const last = parts.at(-1);
    if (last && !last.match && !t.match) last.text += t.text;
    else parts.push({ ...t });
  }
  if (start + width * 2 < tokens.length) parts.push({ text: " …", match: false });
  return parts;
}
