import { decodeEntities, TAG, TOKENS } from "./xml-tokens.ts";

/** Elements whose content is not running text: deleted text, field codes, the fallback copy of alternate content. */
const SKIPPED = new Set(["w:delText", "w:instrText", "mc:Fallback", "w:fldData"]);

/**
 * The running text of a Word document part (word/document.xml): one paragraph (w:p) per block,
 * separated by a blank line as mammoth's raw text is; w:t text as written (Word keeps its
 * spaces), w:tab as a tab, w:br and w:cr as line breaks. Read with a tokenizer rather than a
 * document model, because it runs on every upload (mammoth takes ~40 ms for a 200 KB letter).
 */
export function wordText(xml: string): string {
  const paragraphs: string[] = [];
  let current = "";
  let inText = false;
  let skipping = 0;
  for (const match of xml.matchAll(TOKENS)) {
    const token = match[0];
    if (!token.startsWith("<")) {
      if (inText && skipping === 0) current += decodeEntities(token);
      continue;
    }
    const tag = TAG.exec(token);
    if (!tag) continue;
    const [, closing, name = "", , selfClosing] = tag;
    if (SKIPPED.has(name)) {
      if (!selfClosing) skipping += closing ? -1 : 1;
      continue;
    }
    if (skipping > 0) continue;
    if (name === "w:t") inText = !closing && !selfClosing;
    else if (name === "w:p" && (closing || selfClosing)) {
      paragraphs.push(current);
      current = "";
    } else if (!closing && (name === "w:tab" || name === "w:ptab")) current += "\t";
    else if (!closing && (name === "w:br" || name === "w:cr")) current += "\n";
    else if (!closing && name === "w:noBreakHyphen") current += "-";
  }
  if (current) paragraphs.push(current);
  return paragraphs.map((p) => `${p}\n\n`).join("");
}
