import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { extractText, extractTextDetailed } from "../src/platform/text/extract.ts";
import { odfText } from "../src/platform/text/odf.ts";
import { wordText } from "../src/platform/text/word.ts";
import { makeDocx, makeJpeg, makeOdt, makePdf, makePng, makeTiff, makeZip } from "./helpers/documents.ts";

const SWEDISH = "Yttrande över förslaget om vänortssamarbete: åäö ÅÄÖ";

describe("extractText", () => {
  it("reads the text of a Word document, paragraph by paragraph", async () => {
    const docx = await makeDocx([SWEDISH, "Stadsdelsnämnden tillstyrker förslaget."]);
    expect(await extractText(docx, "docx")).toBe(`${SWEDISH}\n\nStadsdelsnämnden tillstyrker förslaget.`);
  });

  it("reads the text layer of a PDF, every page", async () => {
    const pdf = await makePdf([SWEDISH, "Sida två: Göteborg och Malmö"]);
    const text = await extractText(pdf, "pdf");
    expect(text).toContain(SWEDISH);
    expect(text).toContain("Sida två: Göteborg och Malmö");
    expect(text.indexOf("åäö")).toBeLessThan(text.indexOf("Sida två"));
  });

  it("reads an OpenDocument text, keeping paragraph breaks", async () => {
    const odt = makeOdt(
      `<text:h text:outline-level="1">Remiss &amp; svar</text:h>
       <text:p>Första   stycket<text:s text:c="2"/>med <text:span>spann</text:span>: ${"åäö"}</text:p>
       <text:p>Rad ett<text:line-break/>rad två<text:tab/>flik</text:p>
       <text:p/>`,
    );
    expect(await extractText(odt, "odt")).toBe(
      "Remiss & svar\n\nFörsta stycket  med spann: åäö\n\nRad ett\nrad två\tflik",
    );
  });

  it("reads UTF-8 text without its byte-order mark, with Unix newlines", async () => {
    const txt = Buffer.from("\uFEFFHej Åsa,\r\ntack för svaret.\r\n", "utf8");
    expect(await extractText(txt, "txt")).toBe("Hej Åsa,\ntack för svaret.");
  });

  it("gives no text for images until OCR exists, and says why", async () => {
    for (const [bytes, type] of [
      [makePng(), "png"],
      [makeJpeg(), "jpeg"],
      [makeTiff(), "tiff"],
    ] as const) {
      expect(await extractTextDetailed(bytes, type)).toEqual({ text: "", status: "needs_ocr" });
    }
  });

  it("returns an empty string for damaged files instead of throwing", async () => {
    const docx = await makeDocx([SWEDISH]);
    const pdf = await makePdf([SWEDISH]);
    const noise = crypto.randomBytes(4096);
    const cases = [
      [docx.subarray(0, docx.length / 2), "docx"],
      [noise, "docx"],
      [makeZip([{ name: "word/other.xml", data: "<x/>" }]), "docx"],
      [noise, "pdf"],
      [Buffer.from("%PDF-1.7\n%%EOF"), "pdf"],
      [noise, "odt"],
      [makeZip([{ name: "mimetype", data: "application/vnd.oasis.opendocument.text", store: true }]), "odt"],
      [Buffer.alloc(0), "docx"],
      [Buffer.alloc(0), "pdf"],
    ] as const;
    for (const [bytes, type] of cases) {
      const result = await extractTextDetailed(bytes, type);
      expect(result.text, type).toBe("");
      expect(result.status, type).toBe("failed");
      expect(result.detail, type).toBeTruthy();
      expect(await extractText(bytes, type)).toBe("");
    }
    // A truncated PDF still yields what pdf.js can recover, or nothing; never an exception.
    expect(typeof (await extractText(pdf.subarray(0, pdf.length - 200), "pdf"))).toBe("string");
  });

  it("refuses a zip bomb before Word parsing inflates it", async () => {
    const bomb = makeZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: Buffer.alloc(20 * 1024 * 1024, " ") },
    ]);
    const result = await extractTextDetailed(bomb, "docx");
    expect(result).toMatchObject({ text: "", status: "failed" });
    expect(result.detail).toMatch(/^zip_bomb/);
  });

  it("keeps at most maxLength characters, stopping PDF work early", async () => {
    const long = Buffer.from("ord ".repeat(1000), "utf8");
    const cut = await extractTextDetailed(long, "txt", { maxLength: 100 });
    expect(cut.status).toBe("truncated");
    expect(cut.text.length).toBeLessThanOrEqual(100);

    const pages = Array.from({ length: 20 }, (_, i) => `Sida ${i + 1} ${"text ".repeat(50)}`);
    const pdf = await extractTextDetailed(await makePdf(pages), "pdf", { maxLength: 300 });
    expect(pdf.status).toBe("truncated");
    expect(pdf.text.length).toBeLessThanOrEqual(300);
    expect(pdf.text).toContain("Sida 1 ");

    // Never cuts a surrogate pair in half.
    const emoji = await extractText(Buffer.from("😀".repeat(10), "utf8"), "txt", { maxLength: 5 });
    expect(emoji).toBe("😀😀");
  });

  it("gives up with an empty string when the time limit passes", async () => {
    const pdf = await makePdf(Array.from({ length: 30 }, (_, i) => `Sida ${i + 1}`));
    expect(await extractTextDetailed(pdf, "pdf", { timeoutMs: 1 })).toMatchObject({
      text: "",
      status: "timeout",
    });
  });

  it("removes characters a database cannot store", async () => {
    const txt = Buffer.from("a\u0000b\u0007c\td", "utf8");
    expect(await extractText(txt, "txt")).toBe("abc\td");
  });
});

describe("odfText", () => {
  it("skips deleted tracked changes, comments and note marks but keeps the note's text", () => {
    const xml = `<office:text>
      <text:tracked-changes><text:changed-region><text:deletion><text:p>borttagen</text:p></text:deletion></text:changed-region></text:tracked-changes>
      <text:p>Kvar<office:annotation><text:p>en kommentar</text:p></office:annotation> text<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>Fotnot</text:p></text:note-body></text:note>.</text:p>
      <text:p>&#229;&#xE4;&lt;&gt;&quot;&apos;<![CDATA[ <rå> ]]></text:p>
    </office:text>`;
    expect(odfText(xml)).toBe("Kvar text Fotnot .\n\nåä<>\"' <rå>");
  });
});

describe("Word text without a document model", () => {
  /** mammoth (the reference reader of .docx text) and ours must agree on what a letter says. */
  const asMammothReads = async (docx: Buffer) => {
    const mammoth = (await import("mammoth")).default;
    return (await mammoth.extractRawText({ buffer: docx })).value.trim();
  };

  it("reads what mammoth reads: runs, tabs, line breaks, tables, escaped characters", async () => {
    const { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, Tab } = await import("docx");
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({
              children: [new TextRun("Dnr KS 2019/562"), new TextRun({ children: [new Tab(), "Bilaga 1"] })],
            }),
            new Paragraph({ children: [new TextRun("Rad ett"), new TextRun({ text: "rad två", break: 1 })] }),
            new Paragraph({ children: [new TextRun("Citat: <\"Stockholm & Oslo\"> – 'vänort'")] }),
            new Table({
              rows: [
                new TableRow({
                  children: ["Remissinstans", "Svar"].map(
                    (text) => new TableCell({ children: [new Paragraph(text)] }),
                  ),
                }),
              ],
            }),
            new Paragraph(SWEDISH),
          ],
        },
      ],
    });
    const docx = Buffer.from(await Packer.toBuffer(doc));
    const ours = await extractText(docx, "docx");
    // mammoth drops a line break between runs ("Rad ettrad två"); we keep it, so the words stay apart.
    expect(ours.replace("Rad ett\nrad två", "Rad ettrad två")).toBe(await asMammothReads(docx));
  });

  it("leaves out deleted text and field codes", () => {
    const xml =
      '<w:document><w:body><w:p><w:r><w:t xml:space="preserve">Kvar </w:t></w:r>' +
      "<w:del><w:r><w:delText>borttaget</w:delText></w:r></w:del>" +
      '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:t>text</w:t></w:r></w:p></w:body></w:document>';
    expect(wordText(xml).trim()).toBe("Kvar text");
  });
});
