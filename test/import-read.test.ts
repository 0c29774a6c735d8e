import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readDocument } from "../src/import/read.ts";

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

  it("reads a scanned PDF (page images only) by OCR, page by page", async () => {
    const { text, method } = await readDocument(
      fs.readFileSync(path.join(CORPUS, "02-region-stockholm.scan.pdf")),
      "pdf",
    );
    expect(method).toBe("ocr");
    expect(text).toContain("TN 2021-0412");
    expect(text.split("\f").length).toBe(2);
  }, 120_000);

  it("reads Word through the platform's extraction", async () => {
    const { text, method } = await readDocument(
      fs.readFileSync(path.join(CORPUS, "06-socialdepartementet.docx")),
      "docx",
    );
    expect(method).toBe("text");
    expect(text).toContain("S2022/03456");
  });
});
