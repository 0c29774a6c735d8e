import crypto from "node:crypto";
import zlib from "node:zlib";
import { Document, ImageRun, Packer, Paragraph } from "docx";

/**
 * A letter of about 200 KB as .docx: three pages of text and a scanned-looking image (noise
 * does not compress, so the image keeps the file at its size).
 */
export async function letterDocx(n: number): Promise<Buffer> {
  const paragraphs = Array.from(
    { length: 60 },
    (_, i) =>
      new Paragraph(
        `Stycke ${i + 1} i skrivelse ${n}. Staden har tagit emot en inbjudan till samarbete om klimatanpassning och ` +
          "dagvatten inom ramen för nätverket. Förvaltningen föreslår att staden deltar under förutsättning att " +
          "kostnaderna ryms inom budgeten och att samarbetet ger ömsesidig nytta för båda städerna.",
      ),
  );
  const image = new ImageRun({
    type: "png",
    data: noisePng(230, 230),
    transformation: { width: 300, height: 300 },
  });
  const doc = new Document({
    sections: [{ children: [new Paragraph({ children: [image] }), ...paragraphs] }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/**
 * The same letter as a file of its own: the ZIP's comment names the upload, so each upload is
 * stored and flushed as a new file, as real ones are (the store is content-addressed and would
 * keep repeated bytes once).
 */
export function asUpload(letter: Buffer, n: number): Buffer {
  // A ZIP without a comment ends with its 22-byte end-of-central-directory record, whose last
  // field is the comment's length.
  const end = letter.length - 22;
  if (letter.readUInt32LE(end) !== 0x06054b50) throw new Error("the letter's ZIP already has a comment");
  const comment = Buffer.from(`upload ${n}`, "ascii");
  const copy = Buffer.concat([letter, comment]);
  copy.writeUInt16LE(comment.length, end + 20);
  return copy;
}

/** A grey-scale PNG of random pixels. */
function noisePng(width: number, height: number): Buffer {
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) crypto.randomFillSync(rows, y * (width * 3 + 1) + 1, width * 3);
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
