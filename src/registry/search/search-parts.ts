import type { Db, Dialect } from "../../platform/db/database.ts";
import {
  deleteParts,
  findFileText,
  insertPart,
  listParts,
  listPartTexts,
  listTextVersions,
} from "./search.store.ts";

/**
 * A case's search entry is its case row (part 0: titles, parties, descriptions) and one part per
 * document whose file has extracted text. A part's key is the case's key times PART_SPAN plus the
 * part's number, so the parts of a case lie together and the newest case is still the highest key
 * (migration 0015). A registration writes one part; the case's other text is not indexed again.
 */
export const PART_SPAN = 2 ** 20;

/** The key of a case row or part in the search index, from the case's key and the part's number. */
export const partKey = (caseKey: number, part: number): number => caseKey * PART_SPAN + part;
/** True for a document's part, false for a case row (part 0). */
export const isDocumentPart = (key: number): boolean => key % PART_SPAN !== 0;

/**
 * Brings a case's parts in line with its documents: one part per document for the newest file
 * version that has text and has not been disposed of (R6), indexed with the case's title line so
 * that a query naming the case and a word in a letter finds the letter. Parts whose version or
 * title line are out of date are replaced; parts of documents without such a file are removed.
 */
export async function syncParts(
  db: Db,
  dialect: Dialect,
  caseId: string,
  caseKey: number,
  title: string,
): Promise<void> {
  const [wanted, have] = await Promise.all([listTextVersions(db, caseId), listParts(db, caseId)]);
  const wantedVersion = new Map(wanted.map((w) => [w.document_id, Number(w.version)]));
  const upToDate = (h: (typeof have)[number]) =>
    h.title === title && wantedVersion.get(h.document_id) === Number(h.file_version);
  const kept = new Set(have.filter(upToDate).map((h) => h.document_id));
  const stale = have.filter((h) => !upToDate(h)).map((h) => Number(h.key));
  if (stale.length > 0) await deleteParts(db, dialect, stale);
  // Numbers are not reused within a sync, so a replaced part never meets its own old FTS row.
  let next = Math.max(0, ...have.map((h) => Number(h.key) - partKey(caseKey, 0))) + 1;
  for (const w of wanted.filter((x) => !kept.has(x.document_id))) {
    if (next >= PART_SPAN) throw new Error(`case ${caseId} has used all ${PART_SPAN} search part numbers`);
    await writePart(db, dialect, {
      key: partKey(caseKey, next++),
      caseId,
      documentId: w.document_id,
      version: Number(w.version),
      title,
    });
  }
}

interface Part {
  key: number;
  caseId: string;
  documentId: string;
  version: number;
  title: string;
}

async function writePart(db: Db, dialect: Dialect, part: Part): Promise<void> {
  const file = await findFileText(db, part.documentId, part.version);
  const row = {
    key: part.key,
    case_id: part.caseId,
    document_id: part.documentId,
    file_version: part.version,
    title: part.title,
  };
  await insertPart(db, dialect, row, file.text_content ?? "");
}

/** The file text of parts, for snippets: key to text. */
export async function partTexts(db: Db, keys: readonly number[]): Promise<Map<number, string>> {
  if (keys.length === 0) return new Map();
  const rows = await listPartTexts(db, keys);
  return new Map(rows.map((r) => [Number(r.key), r.text_content ?? ""]));
}
