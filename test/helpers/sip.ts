import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import yauzl from "yauzl";

/** The ERMS 2.1.2 schema: a copy of ../shared/schemas/erms/ERMS_v2_1_2.xsd kept in the repository (see its README). */
export const ERMS_XSD = path.resolve(import.meta.dirname, "../fixtures/erms/ERMS_v2_1_2.xsd");

/** Every entry of a zip, by name. */
export async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  return entries;
}

/** Validates XML against the ERMS schema with xmllint; a missing xmllint fails (never skips). */
export function validateErms(xml: Buffer): { ok: boolean; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kansli-erms-"));
  const file = path.join(dir, "erms.xml");
  fs.writeFileSync(file, xml);
  try {
    const output = execFileSync("xmllint", ["--noout", "--schema", ERMS_XSD, file], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { ok: true, output };
  } catch (error) {
    const e = error as { code?: string; stderr?: string; message: string };
    if (e.code === "ENOENT") throw new Error("xmllint is missing: apt-get install -y libxml2-utils");
    return { ok: false, output: e.stderr ?? e.message };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The attributes of each element of a name in an XML text (our own METS: flat attributes, no CDATA). */
export function elements(xml: string, name: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<${name}\\b([^>]*)>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? "").matchAll(/([\w:]+)="([^"]*)"/g)) attrs[a[1] as string] = a[2] as string;
    found.push(attrs);
  }
  return found;
}
