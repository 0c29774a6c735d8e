import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config.ts";
import { analyseDocument, IMPORT_TYPES, organisationOf, SCALAR_FIELDS } from "../import/index.ts";
import { fileTypeOfName, sniffFileType } from "../platform/files/file-type.ts";
import { isMessageKey } from "../platform/i18n/index.ts";
import { cliTranslator, withContext } from "./runtime.ts";

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/**
 * `kansli import-remiss FILE [--json]`: reads a received consultation and prints the proposal
 * (the same reading as the upload page, against the organisation's units). Nothing is written:
 * the case is opened on the web, after a person has reviewed the proposal.
 */
export async function importRemiss(config: Config, file: string | undefined, json: boolean): Promise<number> {
  if (!file) {
    err("usage: kansli import-remiss <file> [--json]");
    return 2;
  }
  const t = cliTranslator();
  const bytes = await fs.readFile(file).catch(() => null);
  if (!bytes) {
    err(`kansli import-remiss: ${file}: filen finns inte eller kan inte läsas`);
    return 1;
  }
  const sniffed = await sniffFileType(bytes, path.basename(file));
  if (!sniffed.ok || !IMPORT_TYPES.includes(sniffed.type) || !fileTypeOfName(file)) {
    const key =
      !sniffed.ok && sniffed.reason !== "extension_not_allowed"
        ? `document.file_${sniffed.reason}`
        : "import.file_type";
    err(`kansli import-remiss: ${isMessageKey(key) ? t(key) : key}`);
    return 1;
  }
  const analysis = await withContext(config, async (ctx) =>
    analyseDocument(bytes, sniffed.type, await organisationOf(ctx)),
  );
  if (json) {
    out(JSON.stringify(analysis.proposal, null, 2));
    return 0;
  }
  out(`${file}: ${analysis.method === "ocr" ? "OCR" : "text"}, ${analysis.changes.length} repaired word(s)`);
  for (const f of SCALAR_FIELDS) out(`  ${f.padEnd(20)} ${analysis.proposal[f] ?? "–"}`);
  out("  consulted_bodies");
  for (const b of analysis.proposal.consulted_bodies) {
    const match = analysis.proposal.matches.find((m) => m.body === b);
    out(`    ${b}${match ? `  → ${match.unit_id} (${match.confidence})` : ""}`);
  }
  return 0;
}
