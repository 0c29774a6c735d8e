import { decodeEntities, TAG, TOKENS } from "./xml-tokens.ts";

/** Elements whose text is not the document's running text: deleted changes, comments, note marks. */
const SKIPPED = new Set(["text:tracked-changes", "office:annotation", "text:note-citation"]);
const PARAGRAPHS = new Set(["text:p", "text:h"]);

/**
 * The running text of an ODF content.xml: one paragraph (text:p, text:h) per block, separated
 * by a blank line as mammoth does for Word, with ODF's own whitespace rules (runs of spaces in
 * the XML collapse; text:s, text:tab and text:line-break are explicit).
 */
export function odfText(xml: string): string {
  const paragraphs: string[] = [];
  let current = "";
  let depth = 0;
  let skipping = 0;
  const flush = () => {
    const text = current
      .split("\n")
      .map((line) => line.trim())
      .join("\n")
      .trim();
    if (text) paragraphs.push(text);
    current = "";
  };

  for (const match of xml.matchAll(TOKENS)) {
    const token = match[0];
    if (token.startsWith("<!--") || token.startsWith("<?")) continue;
    if (token.startsWith("<![CDATA[")) {
      if (depth > 0 && skipping === 0) current += collapse(match[1] ?? "");
      continue;
    }
    if (!token.startsWith("<")) {
      if (depth > 0 && skipping === 0) current += collapse(decodeEntities(token));
      continue;
    }
    const tag = TAG.exec(token);
    if (!tag) continue;
    const [, closing, name = "", attributes = "", selfClosing] = tag;
    if (SKIPPED.has(name)) {
      if (!selfClosing) skipping += closing ? -1 : 1;
      continue;
    }
    if (skipping > 0) continue;
    if (PARAGRAPHS.has(name)) {
      if (selfClosing) continue;
      // A paragraph inside a paragraph (a footnote's body) reads as a separate run of words.
      if (closing) {
        depth = Math.max(depth - 1, 0);
        if (depth === 0) flush();
        else current += " ";
      } else {
        if (depth === 0) flush();
        else current += " ";
        depth += 1;
      }
      continue;
    }
    if (depth === 0 || closing) continue;
    if (name === "text:line-break") current += "\n";
    else if (name === "text:tab") current += "\t";
    else if (name === "text:s") {
      const count = Number(/text:c\s*=\s*["'](\d+)["']/.exec(attributes)?.[1] ?? 1);
      current += " ".repeat(Math.min(count, 100));
    }
  }
  flush();
  return paragraphs.join("\n\n");
}

const collapse = (text: string): string => text.replace(/[ \t\r\n]+/g, " ");
