import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractProposal } from "../src/import/extract.ts";
import { separateColumns, stripRunningLines } from "../src/import/layout.ts";
import { withReading } from "../src/import/page-progress.ts";
import { pageCount, readDocument } from "../src/import/read.ts";
import { makePdf } from "./helpers/documents.ts";
import { scannedPdf } from "./helpers/scanned-pdf.ts";

const CORPUS = path.resolve(import.meta.dirname, "fixtures/import-corpus/tune");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-read-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The first page of a corpus PDF as an office scanner would save it (200 dpi greyscale). */
function scanned(format: "jpeg" | "tiff"): Buffer {
  const out = path.join(tmp, format);
  execFileSync(
    "pdftoppm",
    ["-r", "200", "-gray", `-${format}`, "-f", "1", "-l", "1", "-singlefile"].concat([
      path.join(CORPUS, "03-goteborgs-stad.pdf"),
      out,
    ]),
  );
  return fs.readFileSync(`${out}.${format === "jpeg" ? "jpg" : "tif"}`);
}

describe("reading a received document", () => {
  it.each(["jpeg", "tiff"] as const)(
    "reads a %s scan by OCR",
    async (format) => {
      const { text, method } = await readDocument(scanned(format), format);
      expect(method).toBe("ocr");
      expect(text).toContain("Göteborgs Stad");
      expect(text).toContain("1234/19");
    },
    60_000,
  );

  it("reads a PDF with a text layer as text, keeping the gap between two columns", async () => {
    const { text, method } = await readDocument(
      fs.readFileSync(path.join(CORPUS, "05-lansstyrelsen.pdf")),
      "pdf",
    );
    expect(method).toBe("text");
    expect(text).toMatch(/Stockholms stad {3,}Nacka kommun/);
    expect(text).toContain("\f");
  });

  it("reads a scanned PDF (page images only) by OCR, page by page, telling the progress of each page", async () => {
    const progress: string[] = [];
    const report = (page: number, pages: number) => {
      progress.push(`${page}/${pages}`);
      return undefined;
    };
    const { text, method } = await withReading({ report, signal: undefined }, () =>
      readDocument(fs.readFileSync(path.join(CORPUS, "02-region-stockholm.scan.pdf")), "pdf"),
    );
    expect(method).toBe("ocr");
    expect(text).toContain("TN 2021-0412");
    expect(text.split("\f").length).toBe(2);
    expect(progress).toEqual(["0/2", "1/2", "2/2"]);
  }, 120_000);

  it("reads a page that is not one scanned image by rendering it, in the pages' order", async () => {
    // Page 1 a scanned image, page 2 typed text with no image: the two ways of getting a page to OCR.
    const scan = await scannedPdf("Remiss av trafikplanen\nDnr TN 2021-0412");
    const typed = await makePdf(["Remissinstanser", " "]);
    const both = path.join(tmp, "both.pdf");
    fs.writeFileSync(path.join(tmp, "scan.pdf"), scan);
    fs.writeFileSync(path.join(tmp, "typed.pdf"), typed);
    execFileSync("pdfunite", [path.join(tmp, "scan.pdf"), path.join(tmp, "typed.pdf"), both]);
    const { text, method } = await readDocument(fs.readFileSync(both), "pdf");
    expect(method).toBe("ocr");
    const pages = text.split("\f");
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain("TN 2021-0412");
    expect(pages[1]).toContain("Remissinstanser");
  }, 120_000);

  it("counts a PDF's pages for the page limit; other files count as one", async () => {
    expect(await pageCount(await makePdf(["a", "b", "c"]), "pdf")).toBe(3);
    expect(await pageCount(Buffer.from("Remiss"), "txt")).toBe(1);
  });

  it("reads Word through the platform's extraction", async () => {
    const { text, method } = await readDocument(
      fs.readFileSync(path.join(CORPUS, "06-socialdepartementet.docx")),
      "docx",
    );
    expect(method).toBe("text");
    expect(text).toContain("S2022/03456");
  });
});

/** The proposal for a letter written as lines (the organisation has no units, so nothing matches). */
const read = (...lines: string[]) =>
  extractProposal(lines.join("\n"), { name: "Stockholms stad", units: [] });

describe("reading the sender's diary number", () => {
  it.each([
    [
      "a ministry's number on a line of its own",
      ["Regeringskansliet", "Socialdepartementet", "", "S2023/04567"],
      "S2023/04567",
    ],
    ["an agency's after Dnr", ["Naturvårdsverket", "Dnr NV-01234-23"], "NV-01234-23"],
    ["a länsstyrelse's after Diarienummer:", ["Diarienummer: 101-12345-2024"], "101-12345-2024"],
    ["a region's after Vårt dnr", ["Vårt dnr RS 2023-0456"], "RS 2023-0456"],
    ["a municipality's after Beteckning", ["Beteckning", "KS-2023-01234"], "KS-2023-01234"],
    ["a number after Dnr with the label repeated", ["Vår beteckning: Dnr 2024-000456"], "2024-000456"],
    [
      "a number after Vårt diarienr., past a name under Vår referens",
      ["Vår referens: Eva Ek", "Vårt diarienr. SN/2024:12"],
      "SN/2024:12",
    ],
    [
      "the sender's, not the recipient's Ert dnr",
      ["Ert dnr: KS 2024/99", "Vårt dnr: TRV 2024/12345"],
      "TRV 2024/12345",
    ],
    [
      "in the instructions, on the next line",
      ["Svaren skickas till oss. Ange diarienummer", "Ju2024/01234 i ämnesraden."],
      "Ju2024/01234",
    ],
    [
      "only in the instructions, not the recipient's",
      ["Er referens KS 2024/99.", "", "Ange diarienummer Fi2024/01234 i ämnesraden."],
      "Fi2024/01234",
    ],
  ])("%s", (_case, lines, want) => {
    expect(read(...lines).diary_number).toBe(want);
  });

  it("takes the value under its label in a letterhead table of labels above values", () => {
    const p = read(
      "Handläggare",
      "Ert dnr",
      "Datum",
      "Dnr",
      "",
      "Eva Ek",
      "KS 2024/99",
      "2024-03-01",
      "KN 2024/456",
    );
    expect(p.diary_number).toBe("KN 2024/456");
    expect(p.date_sent).toBe("2024-03-01");
  });

  it.each([
    ["O for 0 and l for 1", "Dnr: KS 2O24/l23", "KS 2024/123"],
    ["S for 5 and B for 8", "Dnr: TRV 2024/1234S", "TRV 2024/12345"],
    ["B for 8", "Dnr 1O1-B2345-2024", "101-82345-2024"],
    ["a slash read as l after the year", "Dnr: Fi2024l01234", "Fi2024/01234"],
    ["a slash read as I before the year", "Dnr: 171-482I2016", "171-482/2016"],
    ["spaces around the separators", "Diarienummer: KS 2024 / 123", "KS 2024/123"],
    ["the ministry's prefix S kept", "Dnr: S2O23/04567", "S2023/04567"],
    ["a ministry's prefix I read as 1", "Dnr: 12024/00876", "I2024/00876"],
    ["a ministry's prefix S read as 5", "Dnr 52023/04567", "S2023/04567"],
  ])("mends digits OCR misread: %s", (_case, line, want) => {
    expect(read(line).diary_number).toBe(want);
  });
});

describe("reading dates and deadlines", () => {
  it.each([
    ["Svar önskas senast den 15 mars 2024.", "2024-03-15"],
    ["Remisstiden går ut den 2 maj 2024.", "2024-05-02"],
    ["Yttrandet ska ha kommit in till kommunen senast 2024-04-30.", "2024-04-30"],
    ["Svaren ska vara oss tillhanda fredagen den 7 juni 2024.", "2024-06-07"],
    ["Remissen skickades den 1 mars 2024 och svar emotses den 3 april 2024.", "2024-04-03"],
    ["Svar önskas senast den l5 rnars 2O24.", "2024-03-15"],
    ["Svar önskas senast den 15 oktobcr 2024.", "2024-10-15"],
  ])("the deadline of %j", (sentence, want) => {
    expect(read("Datum 2024-02-01", "", sentence).deadline).toBe(want);
  });

  it("prefers the last day for the answers to another last day named before it", () => {
    const p = read(
      "Lagen ska träda i kraft senast den 1 juli 2025.",
      "",
      "Era synpunkter ska ha kommit in senast den 3 mars 2025.",
    );
    expect(p.deadline).toBe("2025-03-03");
    expect(p.instructions).toBe("Era synpunkter ska ha kommit in senast den 3 mars 2025.");
  });

  it("reads the date sent from the letterhead, never the recipient's Ert datum", () => {
    expect(read("Ert datum 2024-01-10", "Stockholm den 12 februari 2024").date_sent).toBe("2024-02-12");
  });

  it("finds a deadline whose sentence runs on over a page break (the footer already dropped)", () => {
    expect(read("Svar ska ha kommit in senast den", "", "", "17 juni 2024. Tack.").deadline).toBe(
      "2024-06-17",
    );
  });
});

describe("reading the consulted bodies", () => {
  const bodies = (...lines: string[]) => read(...lines).consulted_bodies;

  it("reads plain, numbered and bulleted lists, with group headings dropped", () => {
    expect(
      bodies(
        "Remissinstanser",
        "1. Boverket",
        "2) Lantmäteriet",
        "Kommuner:",
        "• Solna stad",
        "- Nacka kommun",
      ),
    ).toEqual(["Boverket", "Lantmäteriet", "Solna stad", "Nacka kommun"]);
  });

  it("reads a semicolon list below its heading, wrapped over lines", () => {
    expect(
      bodies(
        "Sändlista:",
        "Solna stad; Region Uppsala; Knivsta",
        "kommun; Sigtuna kommun",
        "",
        "Med vänlig hälsning",
      ),
    ).toEqual(["Solna stad", "Region Uppsala", "Knivsta kommun", "Sigtuna kommun"]);
  });

  it("joins an item wrapped onto the next line", () => {
    expect(
      bodies(
        "Remissen har skickats till:",
        "Stockholms stad,",
        "Trafiknämnden",
        "Region Stockholm, Trafik-",
        "förvaltningen",
      ),
    ).toEqual(["Stockholms stad, Trafiknämnden", "Region Stockholm, Trafik- förvaltningen"]);
  });

  it("drops group headings that end in a group word and numbers that lost their full stop", () => {
    expect(
      bodies(
        "Remissinstanser",
        "Statliga myndigheter",
        "1 Boverket",
        "Ideella organisationer",
        "2 Sveriges Kommuner och Regioner",
      ),
    ).toEqual(["Boverket", "Sveriges Kommuner och Regioner"]);
  });

  it("reads a list on over a page break with a running header and footer", () => {
    const pages = [
      ["Boverket   Dnr 123/2024", "", "Remissinstanser", "Lantmäteriet", "Solna stad", "", "Sida 1 av 2"],
      [
        "Boverket   Dnr 123/2024",
        "",
        "Nacka kommun",
        "Region Stockholm",
        "",
        "Med vänlig hälsning",
        "Sida 2 av 2",
      ],
    ];
    const text = separateColumns(stripRunningLines(pages.map((p) => p.join("\n")).join("\f")));
    expect(read(text).consulted_bodies).toEqual([
      "Lantmäteriet",
      "Solna stad",
      "Nacka kommun",
      "Region Stockholm",
    ]);
  });

  it("reads a list under a heading with words of its own, group plurals dropped", () => {
    expect(
      bodies(
        "Sändlista för remissen (i urval)",
        "Fackförbund",
        "Vision",
        "Näringslivsorganisationer",
        "Svenskt Näringsliv",
      ),
    ).toEqual(["Vision", "Svenskt Näringsliv"]);
  });

  it("splits a line of names separated by commas under a group heading", () => {
    expect(
      bodies(
        "Remissinstanser",
        "Kommuner:",
        "Solna stad, Nacka kommun, Täby kommun, Sollentuna kommun, Lidingö stad",
        "Boverket",
      ),
    ).toEqual(["Solna stad", "Nacka kommun", "Täby kommun", "Sollentuna kommun", "Lidingö stad", "Boverket"]);
  });

  it("does not take the first line of a sentence wrapped after the list as a body", () => {
    expect(
      bodies(
        "Remissinstanser",
        "Boverket",
        "Solna stad",
        "",
        "Svaren ska ha kommit in till departementet",
        "senast den 3 maj 2024.",
      ),
    ).toEqual(["Boverket", "Solna stad"]);
  });

  it("reads items that end in a full stop, one a paragraph", () => {
    expect(bodies("Remissinstanser", "", "Boverket.", "", "Solna stad.", "", "Med vänlig hälsning")).toEqual([
      "Boverket",
      "Solna stad",
    ]);
  });

  it("reads a list written on in a sentence, separated by commas", () => {
    expect(bodies("Remissen skickas till: Boverket, Lantmäteriet, Solna stad, Nacka kommun.")).toEqual([
      "Boverket",
      "Lantmäteriet",
      "Solna stad",
      "Nacka kommun",
    ]);
  });

  it("stops at a copy list", () => {
    expect(bodies("Remissinstanser", "Boverket", "Lantmäteriet", "Kopia till:", "Kommunstyrelsen")).toEqual([
      "Boverket",
      "Lantmäteriet",
    ]);
  });

  it("reads two columns with a wrapped left item one column after the other", () => {
    const text = separateColumns(
      [
        "Remissinstanser",
        "Stockholms stad,        Boverket",
        "Trafiknämnden",
        "Solna stad              Lantmäteriet",
      ].join("\n"),
    );
    expect(read(text).consulted_bodies).toEqual([
      "Stockholms stad, Trafiknämnden",
      "Solna stad",
      "Boverket",
      "Lantmäteriet",
    ]);
  });
});
