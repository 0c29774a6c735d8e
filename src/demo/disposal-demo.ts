import type { Ctx } from "../platform/context.ts";
import { recordDecision } from "../registry/index.ts";

/**
 * An invented disposal decision for the demo's document types: reports and their attachments are
 * kept, cover letters go two years after their case is closed (none is closed yet, so nothing goes).
 */
export async function seedDisposalDemo(ctx: Ctx): Promise<void> {
  await recordDecision(ctx, "system", {
    reference: "SSA 2011:3",
    title: "Bevarande och gallring av handlingar i kommunstyrelsens internationella ärenden",
    decidedOn: "2011-03-15",
    authority: "Arkivnämnden",
    "rule0-documentType": "tjänsteutlåtande",
    "rule0-action": "keep",
    "rule1-documentType": "bilaga",
    "rule1-action": "keep",
    "rule2-documentType": "missiv",
    "rule2-action": "dispose",
    "rule2-retentionYears": "2",
  });
}
