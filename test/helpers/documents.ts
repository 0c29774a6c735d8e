import zlib from "node:zlib";
import { Document, Packer, Paragraph, TextRun } from "docx";
import PDFDocument from "pdfkit";

/**
 * Real files generated in memory, so no binary fixture is committed: Word via `docx`, PDF via
 * `pdfkit`, ODT, PNG, JPEG and TIFF built byte by byte, and a small ZIP writer for zip bombs.
 */

export async function makeDocx(paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: paragraphs.map((text) => new Paragraph({ children: [new TextRun(text)] })) }],
  });
  return Packer.toBuffer(doc);
}

/** One page per entry of `pages`. */
export async function makePdf(pages: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false, info: { Title: "kansli test" } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  for (const text of pages) {
    doc.addPage();
    doc.text(text);
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

export interface ZipEntrySpec {
  name: string;
  data: Buffer | string;
  /** Stored (uncompressed) instead of deflated. */
  store?: boolean;
  /** An uncompressed size to declare in the headers instead of the true one (a lying zip). */
  declaredSize?: number;
  /** Reuse already deflated data (same content in many entries without deflating it again). */
  deflated?: Buffer;
}

/** A plain ZIP (no ZIP64), written the way office suites do: local headers, then the central directory. */
export function makeZip(entries: ZipEntrySpec[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = typeof entry.data === "string" ? Buffer.from(entry.data, "utf8") : entry.data;
    const body = entry.store ? data : (entry.deflated ?? zlib.deflateRawSync(data));
    const name = Buffer.from(entry.name, "utf8");
    const fields = {
      method: entry.store ? 0 : 8,
      crc: zlib.crc32(data),
      compressed: body.length,
      size: entry.declaredSize ?? data.length,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(fields.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(fields.crc, 14);
    local.writeUInt32LE(fields.compressed, 18);
    local.writeUInt32LE(fields.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(fields.method, 10);
    record.writeUInt16LE(0, 12);
    record.writeUInt16LE(0x21, 14);
    record.writeUInt32LE(fields.crc, 16);
    record.writeUInt32LE(fields.compressed, 20);
    record.writeUInt32LE(fields.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(record, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const ODT_MIME = "application/vnd.oasis.opendocument.text";

/** A minimal OpenDocument text: `mimetype` first and stored, as the ODF package format requires. */
export function makeOdt(bodyXml: string, mimetype = ODT_MIME): Buffer {
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
  <office:automatic-styles/>
  <office:body><office:text>${bodyXml}</office:text></office:body>
</office:document-content>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
  <manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/>
  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;
  return makeZip([
    { name: "mimetype", data: mimetype, store: true },
    { name: "content.xml", data: content },
    { name: "META-INF/manifest.xml", data: manifest },
  ]);
}

/** A 1x1 grey PNG: signature, IHDR, IDAT, IEND, each chunk with its CRC. */
export function makePng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(typed));
    return Buffer.concat([head, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.writeUInt8(8, 8); // 8 bits, greyscale, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from("\x89PNG\r\n\x1a\n", "latin1"),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.from([0, 0x80]))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A 1x1 grey baseline JPEG: one quantisation table, one-code Huffman tables (DC category 0,
 * AC end-of-block) and a scan of two bits padded with ones.
 */
export function makeJpeg(): Buffer {
  const segment = (marker: number, body: number[]) => [
    0xff,
    marker,
    (body.length + 2) >> 8,
    (body.length + 2) & 0xff,
    ...body,
  ];
  const oneCodeTable = (classAndId: number) => [classAndId, 1, ...Array(15).fill(0), 0x00];
  return Buffer.from([
    0xff,
    0xd8,
    ...segment(0xe0, [...Buffer.from("JFIF\0", "latin1"), 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0, ...Array(64).fill(1)]),
    ...segment(0xc0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0]),
    ...segment(0xc4, oneCodeTable(0x00)),
    ...segment(0xc4, oneCodeTable(0x10)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    0x3f,
    0xff,
    0xd9,
  ]);
}

/** A 1x1 grey uncompressed TIFF, little-endian ("II") or big-endian ("MM"). */
export function makeTiff(order: "II" | "MM" = "II"): Buffer {
  const tags: [tag: number, type: 3 | 4, value: number][] = [
    [256, 3, 1], // width
    [257, 3, 1], // height
    [258, 3, 8], // bits per sample
    [259, 3, 1], // no compression
    [262, 3, 1], // black is zero
    [273, 4, 0], // strip offset, filled in below
    [277, 3, 1], // samples per pixel
    [278, 3, 1], // rows per strip
    [279, 4, 1], // strip byte count
  ];
  const ifdSize = 2 + tags.length * 12 + 4;
  const pixel = 8 + ifdSize;
  const out = Buffer.alloc(pixel + 1);
  const le = order === "II";
  const u16 = (v: number, at: number) => (le ? out.writeUInt16LE(v, at) : out.writeUInt16BE(v, at));
  const u32 = (v: number, at: number) => (le ? out.writeUInt32LE(v, at) : out.writeUInt32BE(v, at));
  out.write(order, 0, "latin1");
  u16(42, 2);
  u32(8, 4);
  u16(tags.length, 8);
  tags.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    u16(tag, at);
    u16(type, at + 2);
    u32(1, at + 4);
    const v = tag === 273 ? pixel : value;
    if (type === 3) u16(v, at + 8);
    else u32(v, at + 8);
  });
  u32(0, 8 + 2 + tags.length * 12);
  out[pixel] = 0x80;
  return out;
}
