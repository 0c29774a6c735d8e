import crypto from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BlobCorruptError,
  BlobMissingError,
  InvalidSha256Error,
  isSha256,
} from "../src/platform/files/blob-store.ts";
import { diskBlobStore } from "../src/platform/files/disk-blob-store.ts";
import { safeFileName } from "../src/platform/files/file-name.ts";
import { FILE_TYPES, sniffFileType } from "../src/platform/files/file-type.ts";
import { DEFAULT_ZIP_LIMITS, inspectZip } from "../src/platform/files/zip.ts";
import { makeDocx, makeJpeg, makeOdt, makePdf, makePng, makeTiff, makeZip } from "./helpers/documents.ts";

const sha = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

/** Every file under a folder, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe("diskBlobStore", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "kansli-blobs-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("stores bytes under their SHA-256 and reads them back", async () => {
    const store = diskBlobStore(dir);
    const bytes = Buffer.from("Remissvar från Östermalms stadsdelsnämnd", "utf8");
    const put = await store.put(bytes);
    expect(put).toEqual({ sha256: sha(bytes), size: bytes.length });
    expect(await store.has(put.sha256)).toBe(true);
    expect((await store.get(put.sha256)).equals(bytes)).toBe(true);
    const h = put.sha256;
    expect(await filesUnder(dir)).toEqual([path.join(h.slice(0, 2), h.slice(2, 4), h)]);
  });

  it("stores identical content once, also when written concurrently, and leaves no temp files", async () => {
    const store = diskBlobStore(dir);
    const bytes = crypto.randomBytes(200_000);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(Buffer.from(bytes))));
    results.push(await store.put(bytes));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await filesUnder(dir)).toHaveLength(1);
    expect((await store.get(sha(bytes))).equals(bytes)).toBe(true);
    // A second store on the same folder (another process) sees the same blob.
    expect(await diskBlobStore(dir).has(sha(bytes))).toBe(true);
  });

  it("stores an empty blob", async () => {
    const store = diskBlobStore(dir);
    const { sha256, size } = await store.put(Buffer.alloc(0));
    expect(size).toBe(0);
    expect((await store.get(sha256)).length).toBe(0);
  });

  it("detects a file damaged on disk when reading, and a new put of the original repairs it", async () => {
    const store = diskBlobStore(dir);
    const bytes = Buffer.from("Beslut: bifall till remissen", "utf8");
    const { sha256 } = await store.put(bytes);
    const file = path.join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    const damaged = Buffer.from(bytes);
    damaged[0] = damaged[0]! ^ 0x01; // one flipped bit, same size
    await fs.writeFile(file, damaged);

    const error = await store.get(sha256).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobCorruptError);
    expect(error).toMatchObject({ sha256, actualSha256: sha(damaged) });

    await fs.writeFile(file, bytes.subarray(0, 5)); // truncated
    await expect(store.get(sha256)).rejects.toBeInstanceOf(BlobCorruptError);

    await store.put(bytes);
    expect((await store.get(sha256)).equals(bytes)).toBe(true);
  });

  it("says a blob that is not there is missing, and removes idempotently", async () => {
    const store = diskBlobStore(dir);
    const absent = sha(Buffer.from("aldrig lagrad"));
    await expect(store.get(absent)).rejects.toBeInstanceOf(BlobMissingError);
    expect(await store.has(absent)).toBe(false);

    const { sha256 } = await store.put(Buffer.from("ska gallras"));
    await store.remove(sha256);
    await store.remove(sha256);
    expect(await store.has(sha256)).toBe(false);
    await expect(store.get(sha256)).rejects.toBeInstanceOf(BlobMissingError);
  });

  it("refuses a hash that is not 64 lowercase hex digits before touching the disk", async () => {
    const store = diskBlobStore(path.join(dir, "store"));
    const outside = path.join(dir, "secret");
    await fs.writeFile(outside, "not a blob");
    const good = sha(Buffer.from("x"));
    const bad = [
      "../secret",
      `../../${path.basename(dir)}/secret`,
      good.toUpperCase(),
      good.slice(0, 63),
      `${good}0`,
      `${good.slice(0, 62)}/x`,
      `${good}\n`,
      "",
    ];
    for (const value of bad) {
      expect(isSha256(value)).toBe(false);
      await expect(store.get(value)).rejects.toBeInstanceOf(InvalidSha256Error);
      await expect(store.has(value)).rejects.toBeInstanceOf(InvalidSha256Error);
      await expect(store.remove(value)).rejects.toBeInstanceOf(InvalidSha256Error);
    }
    expect(await fs.readFile(outside, "utf8")).toBe("not a blob");
    expect(isSha256(good)).toBe(true);
  });
});

const DOCX_TYPES = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

/** Something that looks like a .docx from outside, with the given document body. */
const docxLike = (documentXml: Partial<Parameters<typeof makeZip>[0][number]>) =>
  makeZip([
    { name: "[Content_Types].xml", data: DOCX_TYPES },
    { name: "word/document.xml", data: "", ...documentXml },
  ]);

describe("sniffFileType", () => {
  it("accepts real files of every allowed type whose extension matches", async () => {
    const odt = makeOdt("<text:p>Hej</text:p>");
    const cases: [Buffer, string, keyof typeof FILE_TYPES][] = [
      [await makeDocx(["Yttrande"]), "yttrande.docx", "docx"],
      [await makePdf(["Beslut"]), "beslut.pdf", "pdf"],
      [await makePdf(["Beslut"]), "BESLUT.PDF", "pdf"],
      [odt, "svar.odt", "odt"],
      [makePng(), "karta.png", "png"],
      [makeJpeg(), "foto.jpg", "jpeg"],
      [makeJpeg(), "foto.jpeg", "jpeg"],
      [makeTiff("II"), "skanning.tif", "tiff"],
      [makeTiff("MM"), "skanning.tiff", "tiff"],
      [Buffer.from("Hälsningar från Stadshuset\r\n", "utf8"), "brev.txt", "txt"],
      [Buffer.from("\uFEFFMed BOM: åäö", "utf8"), "bom.txt", "txt"],
    ];
    for (const [bytes, name, type] of cases) {
      expect(await sniffFileType(bytes, name), name).toEqual({ ok: true, type, mime: FILE_TYPES[type].mime });
    }
  });

  it("refuses content that is not what the extension says", async () => {
    const exe = Buffer.concat([Buffer.from("MZ\x90\x00", "latin1"), Buffer.alloc(60), Buffer.from("PE\0\0")]);
    const docx = await makeDocx(["Yttrande"]);
    const cases: [Buffer, string][] = [
      [await makePdf(["En PDF"]), "inte-word.docx"],
      [exe, "faktura.pdf"],
      [docx, "word.pdf"],
      [docx, "word.odt"],
      [makeOdt("<text:p>Hej</text:p>"), "odt.docx"],
      [makeOdt("<text:p>Hej</text:p>", "application/vnd.oasis.opendocument.spreadsheet"), "kalkyl.odt"],
      [makePng(), "bild.jpg"],
      [makeJpeg(), "bild.png"],
      [makePng(), "bild.tif"],
      [Buffer.from("PK\x03\x04 truncated", "latin1"), "trasig.docx"],
      [Buffer.from("Skrivet i Latin-1: \xe5\xe4\xf6", "latin1"), "latin1.txt"],
      [Buffer.from("\uFEFFUTF-16 från Anteckningar", "utf16le"), "utf16.txt"],
      [Buffer.from("text\0med NUL", "latin1"), "nul.txt"],
      [exe, "program.txt"],
      // A macro-enabled Word file renamed .docx: right entries, wrong main content type.
      [
        makeZip([
          {
            name: "[Content_Types].xml",
            data: DOCX_TYPES.replace(
              "officedocument.wordprocessingml.document.main+xml",
              "ms-word.document.macroEnabled.main+xml",
            ),
          },
          { name: "word/document.xml", data: "<w:document/>" },
          { name: "word/vbaProject.bin", data: "macros" },
        ]),
        "makro.docx",
      ],
    ];
    for (const [bytes, name] of cases) {
      expect(await sniffFileType(bytes, name), name).toEqual({ ok: false, reason: "content_mismatch" });
    }
  });

  it("accepts HTML in a .txt file as plain text (it is served as text/plain with nosniff)", async () => {
    const html = Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>", "utf8");
    expect(await sniffFileType(html, "sida.txt")).toMatchObject({ ok: true, type: "txt" });
  });

  it("refuses extensions that are not allowed, and empty files", async () => {
    for (const name of ["program.exe", "sida.html", "docx", "makro.docm", "arkiv.zip", "utan-filandelse"]) {
      expect(await sniffFileType(Buffer.from("x"), name), name).toEqual({
        ok: false,
        reason: "extension_not_allowed",
      });
    }
    expect(await sniffFileType(Buffer.alloc(0), "tom.pdf")).toEqual({ ok: false, reason: "empty" });
    expect(await sniffFileType(Buffer.alloc(0), "tom.txt")).toEqual({ ok: false, reason: "empty" });
  });

  it("refuses a docx-looking zip bomb: one entry expanding far beyond 100:1", async () => {
    const bomb = docxLike({ data: Buffer.alloc(10 * 1024 * 1024, " ") });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await sniffFileType(bomb, "bomb.docx")).toEqual({ ok: false, reason: "zip_bomb" });
    const odtBomb = makeZip([
      { name: "mimetype", data: "application/vnd.oasis.opendocument.text", store: true },
      { name: "content.xml", data: Buffer.alloc(10 * 1024 * 1024) },
    ]);
    expect(await sniffFileType(odtBomb, "bomb.odt")).toEqual({ ok: false, reason: "zip_bomb" });
  });

  it("refuses a zip whose many modest entries add up to more than 100 MB", async () => {
    // 1 MB each is not above the ratio threshold: only the total catches this one.
    const megabyte = Buffer.alloc(1024 * 1024);
    const deflated = zlib.deflateRawSync(megabyte);
    const entries = Array.from({ length: 101 }, (_, i) => ({
      name: `word/media/${i}.bin`,
      data: megabyte,
      deflated,
    }));
    const bomb = makeZip([
      { name: "[Content_Types].xml", data: DOCX_TYPES },
      { name: "word/document.xml", data: "<w:document/>" },
      ...entries,
    ]);
    const inspection = await inspectZip(bomb);
    expect(inspection).toMatchObject({ ok: false, reason: "zip_bomb" });
    expect(await sniffFileType(bomb, "många.docx")).toEqual({ ok: false, reason: "zip_bomb" });
  });

  it("refuses a zip whose headers understate what an entry inflates to", async () => {
    // Declares 1 KB, inflates to 5 MB: the directory alone looks harmless.
    const liar = docxLike({ data: Buffer.alloc(5 * 1024 * 1024), declaredSize: 1024 });
    expect(await sniffFileType(liar, "ljuger.docx")).toEqual({ ok: false, reason: "zip_bomb" });
  });

  it("refuses a zip with more than 10,000 entries", async () => {
    const entries = Array.from({ length: 10_001 }, (_, i) => ({ name: `f/${i}`, data: "", store: true }));
    const many = makeZip([{ name: "[Content_Types].xml", data: DOCX_TYPES }, ...entries]);
    expect(await inspectZip(many)).toMatchObject({ ok: false, reason: "zip_bomb" });
    expect(await sniffFileType(many, "poster.docx")).toEqual({ ok: false, reason: "zip_bomb" });
  });

  it("inspects an ordinary docx as harmless, listing its entries", async () => {
    const inspection = await inspectZip(await makeDocx(["Hej"]), DEFAULT_ZIP_LIMITS);
    expect(inspection.ok).toBe(true);
    if (inspection.ok) expect(inspection.entries.map((e) => e.name)).toContain("word/document.xml");
    expect(await inspectZip(Buffer.from("not a zip"))).toMatchObject({ ok: false, reason: "not_zip" });
  });
});

describe("safeFileName", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["a\u0000b.pdf", "ab.pdf"],
    ["\u202Eexe.pdf", "exe.pdf"],
    ["faktura\u202Efdp.exe", "fakturafdp.exe"],
    ["..docx", "docx"],
    ["C:\\x\\y.docx", "y.docx"],
    ["/var/tmp/.hidden.txt", "hidden.txt"],
    ["Remissvar från Älvsjö.docx", "Remissvar från Älvsjö.docx"],
    ["A\u030Angström.pdf", "Ångström.pdf"],
    ["  rad\nbrytning\t.pdf  ", "rad brytning .pdf"],
    ["trailing.pdf. . ", "trailing.pdf"],
    ["zero\u200Bwidth.txt", "zerowidth.txt"],
  ])("%j becomes %j", (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it.each(["", "..", "...", "../", "a/b/", "\u0000\u202E", " . . "])("%j leaves nothing usable", (input) => {
    expect(safeFileName(input)).toBeNull();
  });

  it("limits the length and keeps the extension", () => {
    const name = safeFileName(`${"å".repeat(300)}.docx`);
    expect(name).toBe(`${"å".repeat(145)}.docx`);
    expect(safeFileName(`${"x".repeat(20)}.pdf`, 10)).toBe("xxxxxx.pdf");
    // Never cuts an emoji (a surrogate pair) in half.
    const cut = safeFileName(`${"😀".repeat(200)}.txt`, 50);
    expect(cut).toBe(`${"😀".repeat(46)}.txt`);
  });
});
