import { DEFAULT_ZIP_LIMITS, inspectZip, readZipEntry } from "../src/platform/files/zip.ts";
import { wordText } from "../src/platform/text/word.ts";
import { letterDocx } from "./docx.ts";

const b = await letterDocx(1);
const time = async (label: string, f: () => Promise<unknown>) => {
  const t = performance.now();
  for (let i = 0; i < 20; i++) await f();
  console.log(label, ((performance.now() - t) / 20).toFixed(2));
};
await time("inspect", () => inspectZip(b, DEFAULT_ZIP_LIMITS));
await time("rels", () => readZipEntry(b, "_rels/.rels", 1e8));
const xml = (await readZipEntry(b, "word/document.xml", 1e8))!;
console.log("xml bytes", xml.length);
await time("doc", () => readZipEntry(b, "word/document.xml", 1e8));
await time("wordText", async () => wordText(xml.toString("utf8")));
