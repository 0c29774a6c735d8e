import type { FileType } from "../platform/files/file-type.ts";
import { extractProposal, type Organisation } from "./extract.ts";
import { hunspellLexicon, unitNameWords } from "./lexicon.ts";
import type { Proposal } from "./proposal.model.ts";
import { type ReadMethod, readDocument } from "./read.ts";
import { repairOcrText, type WordChange } from "./repair.ts";

export interface Analysis {
  method: ReadMethod;
  /** The text as read, before repair (shown beside the repaired text on the review page). */
  rawText: string;
  repairedText: string;
  changes: WordChange[];
  proposal: Proposal;
}

/** Reads a received consultation, repairs the text and proposes its case and consultation. */
export async function analyseDocument(
  bytes: Buffer,
  type: FileType,
  organisation: Organisation,
): Promise<Analysis> {
  const { text, method } = await readDocument(bytes, type);
  const lexicon = hunspellLexicon(unitNameWords(organisation.units.map((u) => u.name)));
  const repaired = await repairOcrText(text, lexicon);
  return {
    method,
    rawText: text,
    repairedText: repaired.text,
    changes: repaired.changes,
    proposal: extractProposal(repaired.text, organisation),
  };
}
