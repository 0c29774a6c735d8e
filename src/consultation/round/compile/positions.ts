import type { Ctx } from "../../../platform/context.ts";
import { translator } from "../../../platform/i18n/index.ts";
import { getConsultation, listConsultations } from "../consultation.service.ts";
import { overviewTable } from "./compile.rules.ts";

/** The bodies' positions in one round, as the compilation's overview gives them (in Swedish). */
export interface RoundPositions {
  consultationId: string;
  title: string;
  /** The round's registered compilation, attached to a report that takes in its positions. */
  compilationDocumentId: string | null;
  /** Body and position (or why it has none: declined, no answer, not yet assessed), in list order. */
  rows: { body: string; position: string }[];
}

const sv = translator("sv");

/**
 * The positions of each round of a case that has been sent, newest round first, for an officer's
 * report's summary table (issue 19): the same words as the compilation's overview.
 */
export async function roundPositionsOfCase(ctx: Ctx, caseId: string): Promise<RoundPositions[]> {
  const rounds = (await listConsultations(ctx, { caseId, limit: 50 })).filter(
    (k) => k.sentOn !== null && k.discardedAt === null,
  );
  return Promise.all(
    rounds.map(async (round) => {
      const k = await getConsultation(ctx, round.id);
      return {
        consultationId: k.id,
        title: k.title,
        compilationDocumentId: k.compilationDocumentId,
        rows: overviewTable(sv, k).rows.map(([body, position]) => ({
          body: String(body ?? ""),
          position: String(position ?? ""),
        })),
      };
    }),
  );
}
