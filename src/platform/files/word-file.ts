import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";

/** A table in a Word file: a caption above it, a bold header row, then the rows. */
export interface WordTable {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}

/** A section of a Word file: its heading (none when empty), then paragraphs and tables in order. */
export type WordSection = [heading: string, blocks: (string | WordTable)[]];

const cell = (text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function table(t: WordTable): (Paragraph | Table)[] {
  return [
    new Paragraph({ children: [new TextRun({ text: t.caption, bold: true })] }),
    new Table({
      rows: [
        new TableRow({ tableHeader: true, children: t.head.map((h) => cell(h, true)) }),
        ...t.rows.map((r) => new TableRow({ children: r.map((v) => cell(String(v))) })),
      ],
    }),
  ];
}

/** A Word file of a title and sections of headings, paragraphs and tables: how kansli writes letters and reports. */
export async function wordFile(title: string, sections: WordSection[], creator = "kansli"): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [new Paragraph({ text: title, heading: HeadingLevel.TITLE })];
  for (const [heading, blocks] of sections) {
    if (heading) children.push(new Paragraph({ text: heading, heading: HeadingLevel.HEADING_1 }));
    for (const block of blocks)
      children.push(...(typeof block === "string" ? [new Paragraph({ text: block })] : table(block)));
  }
  return Packer.toBuffer(new Document({ creator, title, sections: [{ children }] }));
}
