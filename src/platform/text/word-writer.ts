/** The docx library, loaded on first use: it is large and most requests write no Word file. */
type Docx = typeof import("docx");

/** A table in a Word file: a caption above it, a bold header row, then the rows. */
export interface WordTable {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}

/** A block of a generated Word file: headings at two levels, a paragraph or a table. */
export type WordBlock =
  | { heading: string }
  | { subheading: string }
  | { paragraph: string }
  | { table: WordTable };

/** A section of a Word file: its heading (none when empty), then paragraphs and tables in order. */
export type WordSection = [heading: string, blocks: (string | WordTable)[]];

const cell = ({ TableCell, Paragraph, TextRun }: Docx, text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

function table(d: Docx, t: WordTable) {
  const { Paragraph, Table, TableRow, TextRun } = d;
  return [
    new Paragraph({ children: [new TextRun({ text: t.caption, bold: true })] }),
    new Table({
      rows: [
        new TableRow({ tableHeader: true, children: t.head.map((h) => cell(d, h, true)) }),
        ...t.rows.map((r) => new TableRow({ children: r.map((v) => cell(d, String(v))) })),
      ],
    }),
  ];
}

function toDocx(d: Docx, block: WordBlock) {
  const { Paragraph, HeadingLevel } = d;
  if ("heading" in block) return [new Paragraph({ text: block.heading, heading: HeadingLevel.HEADING_1 })];
  if ("subheading" in block)
    return [new Paragraph({ text: block.subheading, heading: HeadingLevel.HEADING_2 })];
  if ("table" in block) return table(d, block.table);
  // A paragraph's own line breaks become paragraphs: Word shows them as the writer typed them.
  return block.paragraph.split(/\r?\n/).map((line) => new Paragraph({ text: line }));
}

/** A Word file of a title and blocks: how kansli writes its letters, lists, compilations and reports. */
export async function writeWord(
  title: string,
  blocks: readonly WordBlock[],
  creator = "kansli",
): Promise<Buffer> {
  const d = await import("docx");
  const { Document, HeadingLevel, Packer, Paragraph } = d;
  const children = [
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    ...blocks.flatMap((b) => toDocx(d, b)),
  ];
  return Packer.toBuffer(new Document({ creator, title, sections: [{ children }] }));
}

/** The same, written as sections: a heading and its paragraphs and tables. */
export const wordFile = (
  title: string,
  sections: readonly WordSection[],
  creator = "kansli",
): Promise<Buffer> =>
  writeWord(
    title,
    sections.flatMap(([heading, blocks]): WordBlock[] => [
      ...(heading ? [{ heading }] : []),
      ...blocks.map((b) => (typeof b === "string" ? { paragraph: b } : { table: b })),
    ]),
    creator,
  );
