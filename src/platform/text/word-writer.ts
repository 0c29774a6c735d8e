import type { Locale } from "../i18n/index.ts";
import { type Letterhead, letterheadParts } from "./letterhead.ts";

/** The docx library, loaded on first use: it is large and most requests write no Word file. */
type Docx = typeof import("docx");

/** A table in a Word file: a caption above it, a bold header row, then the rows. */
export interface WordTable {
  caption: string;
  head: string[];
  /** A missing value (null) is an empty cell. */
  rows: (string | number | null)[][];
}

/** A picture in a Word file (a chart): PNG bytes, its size in pixels, and its alt text. */
export interface WordImage {
  png: Buffer;
  width: number;
  height: number;
  /** Shown above the picture, and its name for screen readers. */
  title: string;
  /** What the picture shows, in words (its alt text). */
  description: string;
}

/** A block of a generated Word file: headings at two levels, a paragraph or a table. */
export type WordBlock =
  | { heading: string }
  | { subheading: string }
  | { paragraph: string }
  | { table: WordTable };

/** What a Word file holds: the blocks, and pictures (which the page versions of the blocks do not show). */
type WordPart = WordBlock | { image: WordImage };

/** A section of a Word file: its heading (none when empty), then paragraphs, tables and pictures in order. */
export type WordSection = [heading: string, blocks: (string | WordTable | WordImage)[]];

const cell = ({ TableCell, Paragraph, TextRun }: Docx, text: string, bold = false) =>
  new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });

/** Numbers as the reader writes them: 560 000 in Swedish, 560,000 in English. */
const cellText = (v: string | number | null, language: Locale) =>
  typeof v === "number" ? v.toLocaleString(language === "sv" ? "sv-SE" : "en-GB") : (v ?? "");

function table(d: Docx, t: WordTable, language: Locale) {
  const { Paragraph, Table, TableRow, TextRun } = d;
  return [
    new Paragraph({ children: [new TextRun({ text: t.caption, bold: true })] }),
    new Table({
      rows: [
        new TableRow({ tableHeader: true, children: t.head.map((h) => cell(d, h, true)) }),
        ...t.rows.map((r) => new TableRow({ children: r.map((v) => cell(d, cellText(v, language))) })),
      ],
    }),
  ];
}

/** Pixels of the page's text width (A4 with one-inch margins) that a picture may fill. */
const IMAGE_MAX_WIDTH = 600;

function image(d: Docx, i: WordImage) {
  const { ImageRun, Paragraph, TextRun } = d;
  const width = Math.min(IMAGE_MAX_WIDTH, i.width);
  return [
    new Paragraph({ children: [new TextRun({ text: i.title, bold: true })] }),
    new Paragraph({
      children: [
        new ImageRun({
          type: "png",
          data: i.png,
          transformation: { width, height: Math.round((i.height * width) / i.width) },
          altText: { name: i.title, title: i.title, description: i.description },
        }),
      ],
    }),
  ];
}

function toDocx(d: Docx, block: WordPart, language: Locale) {
  const { Paragraph, HeadingLevel } = d;
  if ("heading" in block) return [new Paragraph({ text: block.heading, heading: HeadingLevel.HEADING_1 })];
  if ("subheading" in block)
    return [new Paragraph({ text: block.subheading, heading: HeadingLevel.HEADING_2 })];
  if ("table" in block) return table(d, block.table, language);
  if ("image" in block) return image(d, block.image);
  // A paragraph's own line breaks become paragraphs: Word shows them as the writer typed them.
  return block.paragraph.split(/\r?\n/).map((line) => new Paragraph({ text: line }));
}

/** How a Word file is written: its creator, and the city's letter template for the letters kansli sends. */
export interface WordOptions {
  creator?: string;
  /** Header (diary number, date, page numbers), footer (the unit's addresses), contact and signatories. */
  letterhead?: Letterhead;
}

/** A Word file of a title and blocks: how kansli writes its letters, lists, compilations and reports. */
export async function writeWord(
  title: string,
  blocks: readonly WordPart[],
  { creator = "kansli", letterhead }: WordOptions = {},
): Promise<Buffer> {
  const d = await import("docx");
  const { Document, HeadingLevel, Packer, Paragraph } = d;
  const language = letterhead?.language ?? "sv";
  const template = letterhead ? letterheadParts(d, letterhead) : null;
  const children = [
    ...(template?.before ?? []),
    new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
    ...blocks.flatMap((b) => toDocx(d, b, language)),
    ...(template?.after ?? []),
  ];
  const section = template
    ? { headers: template.headers, footers: template.footers, children }
    : { children };
  return Packer.toBuffer(new Document({ creator, title, sections: [section] }));
}

/** The same, written as sections: a heading and its paragraphs and tables. */
export const wordFile = (
  title: string,
  sections: readonly WordSection[],
  options: WordOptions = {},
): Promise<Buffer> =>
  writeWord(
    title,
    sections.flatMap(([heading, blocks]): WordPart[] => [
      ...(heading ? [{ heading }] : []),
      ...blocks.map((b) =>
        typeof b === "string" ? { paragraph: b } : "png" in b ? { image: b } : { table: b },
      ),
    ]),
    options,
  );
