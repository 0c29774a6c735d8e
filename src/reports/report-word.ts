import { letterheadFor } from "../organisation/index.ts";
import type { Ctx } from "../platform/context.ts";
import { translator } from "../platform/i18n/index.ts";
import { type WordBlock, writeWord } from "../platform/text/word-writer.ts";
import type { Case, RegistryDocument } from "../registry/index.ts";
import { genitive, type ReportContent } from "./reports.model.ts";

/** The report is the city's own paper: written in Swedish, whatever the reader's language. */
const sv = translator("sv");

/** The consulted bodies' positions as a table, under the preparation's heading (given once). */
function positionsBlocks(content: ReportContent): WordBlock[] {
  const p = content.positions;
  if (!p) return [];
  return [
    ...(content.preparation === "" ? [{ heading: sv("report.preparation") }] : []),
    {
      table: {
        caption: sv("report.positions_caption", { title: p.title }),
        head: [sv("report.positions_body"), sv("report.positions_position")],
        rows: p.rows.map((r) => [r.body, r.position]),
      },
    },
  ];
}

/** The report's sections in the city's order; an empty optional section is left out. */
function reportBlocks(content: ReportContent, unitName: string, attachments: RegistryDocument[]) {
  const section = (heading: string, body: string): WordBlock[] =>
    body === "" ? [] : [{ heading }, { paragraph: body }];
  const blocks: WordBlock[] = [
    { paragraph: sv("report.document_kind") },
    ...(content.addressedTo ? [{ paragraph: sv("report.to", { body: content.addressedTo }) }] : []),
    { heading: sv("report.proposals") },
    ...content.proposals.map((p, i) => ({ paragraph: `${i + 1}. ${p}` })),
    ...section(sv("report.section_summary"), content.summary),
    ...section(sv("report.background"), content.background),
    ...section(sv("report.preparation"), content.preparation),
    ...positionsBlocks(content),
    ...section(sv("report.views_of", { unit: genitive(unitName) }), content.views),
  ];
  if (attachments.length > 0)
    blocks.push(
      { heading: sv("report.attachments") },
      ...attachments.map((d, i) => ({ paragraph: `${i + 1}. ${d.description}` })),
    );
  return blocks;
}

/**
 * A version of a report as a Word file on the city's letter template: the case's unit and diary
 * number, the date, the handläggare with their contact, and the signatories' block.
 */
export async function reportWord(
  ctx: Ctx,
  c: Case,
  officerId: string,
  date: string,
  content: ReportContent,
  attachments: RegistryDocument[],
): Promise<Buffer> {
  const letterhead = await letterheadFor(ctx, {
    unitId: c.unitId,
    diaryNumber: c.diaryNumber,
    date,
    officerId,
    signatoryIds: content.signatoryIds,
  });
  const blocks = reportBlocks(content, letterhead.unit?.name ?? ctx.config.cityName, attachments);
  return writeWord(content.title, blocks, { letterhead });
}
