import type { UserActor } from "../../auth/index.ts";
import type { Ctx } from "../../platform/context.ts";
import type { Letterhead } from "../../platform/text/letterhead.ts";
import { type WordBlock, writeWord } from "../../platform/text/word-writer.ts";
import { type PreparedDocument, prepareDocument, type UploadedFile } from "../../registry/index.ts";

/** A document of a consultation round: what the registry needs, and the file (given or written from blocks). */
export interface RoundDocument {
  direction: "incoming" | "outgoing" | "internal";
  party: string;
  description: string;
  documentType: string;
  /** Kansli's own letters are written on the city's template (`letterhead`); a body's words are not. */
  file: UploadedFile | { fileName: string; title: string; blocks: WordBlock[]; letterhead?: Letterhead };
  /** Answers to an open consultation wait for its closing before the public register shows them. */
  publicHold?: string;
}

/** Checks and stores a round's document, ready to be written in the transaction that records the step. */
export async function prepareRoundDocument(
  ctx: Ctx,
  by: UserActor | "system",
  caseId: string,
  doc: RoundDocument,
): Promise<PreparedDocument> {
  const file =
    "bytes" in doc.file
      ? doc.file
      : {
          fileName: doc.file.fileName,
          bytes: await writeWord(
            doc.file.title,
            doc.file.blocks,
            doc.file.letterhead ? { letterhead: doc.file.letterhead } : {},
          ),
        };
  return prepareDocument(
    ctx,
    by,
    caseId,
    {
      direction: doc.direction,
      party: doc.party,
      description: doc.description,
      documentType: doc.documentType,
    },
    file,
    doc.publicHold ? { publicHold: doc.publicHold } : {},
  );
}
