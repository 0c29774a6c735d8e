import { inspectZip } from "../../src/platform/files/zip.ts";

/** A part of a Word file as its reader sees it: paragraphs on lines, tabs kept, fields as {PAGE}. */
const partText = (xml: string) =>
  xml
    .replace(/<w:instrText[^>]*>\s*([A-Z]+)\s*<\/w:instrText>/g, "{$1}")
    .replace(/<w:tab\/>/g, "\t")
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

/** Opens a Word file: the text of its header, footer and body, and the names of its parts. */
export async function openWord(bytes: Buffer) {
  const zip = await inspectZip(bytes);
  if (!zip.ok) throw new Error(`not a Word file: ${zip.reason}`);
  const names = zip.entries.map((e) => e.name);
  const read = (prefix: string) =>
    names
      .filter((n) => n.startsWith(prefix) && n.endsWith(".xml"))
      .map((n) => partText(zip.read(n, 10_000_000)?.toString("utf8") ?? ""))
      .join("\n");
  return { header: read("word/header"), footer: read("word/footer"), body: read("word/document"), names };
}
