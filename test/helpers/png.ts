import zlib from "node:zlib";

/**
 * Reads a PNG as a viewer would: the signature, every chunk's CRC, the header (IHDR) and the image
 * data (IDAT), which must inflate to exactly one filter byte and `width` pixels per row.
 * Throws on anything a viewer would refuse.
 */
export function readPng(bytes: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature)) throw new Error("not a PNG signature");
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (zlib.crc32(Buffer.concat([type, data])) !== bytes.readUInt32BE(at + 8 + length))
      throw new Error(`bad CRC in ${type.toString("latin1")}`);
    chunks.push({ type: type.toString("latin1"), data });
    at += 12 + length;
  }
  const [header] = chunks;
  if (header?.type !== "IHDR" || chunks.at(-1)?.type !== "IEND") throw new Error("no IHDR or IEND");
  const width = header.data.readUInt32BE(0);
  const height = header.data.readUInt32BE(4);
  const bitDepth = header.data[8];
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[header.data[9] ?? -1];
  if (bitDepth !== 8 || channels === undefined) throw new Error("not an 8-bit grey or colour PNG");
  const pixels = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)));
  if (pixels.length !== height * (1 + width * channels)) throw new Error("image data of the wrong size");
  return { width, height };
}
