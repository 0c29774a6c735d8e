import { Document, HeadingLevel, Packer, Paragraph } from "docx";

/** A block of a generated Word file: headings at two levels, or a paragraph. */
export type WordBlock = { heading: string } | { subheading: string } | { paragraph: string };

/** A Word file of a title and blocks: how kansli writes its letters, lists and compilations. */
export async function writeWord(
  title: string,
  blocks: readonly WordBlock[],
  creator = "kansli",
): Promise<Buffer> {
  const children = [new Paragraph({ text: title, heading: HeadingLevel.TITLE })];
  for (const block of blocks) {
    if ("heading" in block)
      children.push(new Paragraph({ text: block.heading, heading: HeadingLevel.HEADING_1 }));
    else if ("subheading" in block)
      children.push(new Paragraph({ text: block.subheading, heading: HeadingLevel.HEADING_2 }));
    // A paragraph's own line breaks become paragraphs: Word shows them as the writer typed them.
    else for (const line of block.paragraph.split(/\r?\n/)) children.push(new Paragraph({ text: line }));
  }
  return Packer.toBuffer(new Document({ creator, title, sections: [{ children }] }));
}
